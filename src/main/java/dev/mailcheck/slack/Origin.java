package dev.mailcheck.slack;

/** A Slack channel by ID and, when Slack gave it, name: where a command was typed. */
public record Origin(String id, String name) {}
