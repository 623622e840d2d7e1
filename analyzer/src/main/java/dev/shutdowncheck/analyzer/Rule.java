package dev.shutdowncheck.analyzer;

import java.util.List;

/**
 * One rule of the checker as SARIF describes it: its id (the BugPattern name), a readable name,
 * its descriptions and help from {@code docs/rules/ID.md}, its default severity and tags.
 */
public record Rule(
    String id,
    String name,
    String summary,
    String fullDescription,
    String helpMarkdown,
    String helpText,
    String helpUri,
    Severity defaultSeverity,
    List<String> tags) {}
