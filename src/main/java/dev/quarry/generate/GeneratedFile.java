package dev.quarry.generate;

/**
 * One generated Java source: its path below the source root ({@code dev/quarry/entities/User.java})
 * and its complete text.
 */
public record GeneratedFile(String relativePath, String content) {}
