package dev.mailcheck.check;

import dev.mailcheck.report.Finding;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One diagnostic. It must never complete exceptionally: what it cannot determine is an error finding. */
public interface Check {

  /** The short name used as the {@code check} of its findings, e.g. {@code mx}. */
  String name();

  /** Whether this check has anything to say about the run's target. */
  boolean appliesTo(CheckContext ctx);

  CompletableFuture<List<Finding>> run(CheckContext ctx);
}
