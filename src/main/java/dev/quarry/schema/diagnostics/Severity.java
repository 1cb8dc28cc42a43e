package dev.quarry.schema.diagnostics;

public enum Severity {
    ERROR,
    WARNING
}
