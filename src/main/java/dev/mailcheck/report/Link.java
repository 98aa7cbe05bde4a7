package dev.mailcheck.report;

/** A page where a fix is requested or explained. */
public record Link(String title, String url) {}
