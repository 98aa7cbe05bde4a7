package dev.mailcheck.bounce;

import dev.mailcheck.report.Link;
import java.util.List;

/** A diagnosis told in one language: what happened, what to do, and where. */
public record BounceAdvice(BounceDiagnosis diagnosis, String receiver, String summary, String fix, List<Link> links) {}
