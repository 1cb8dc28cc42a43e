package dev.quarry.schema.diagnostics;

/** One schema file: its path as the user would name it, and its text. */
public record SourceFile(String path, String text) {}
