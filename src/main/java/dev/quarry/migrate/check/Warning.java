package dev.quarry.migrate.check;

/**
 * What a step may do to data, said before anything runs. An {@code unexecutable} warning is a step
 * that will fail on the data present (a required column added to a table with rows); the others lose
 * or change data if run.
 */
public record Warning(String message, boolean unexecutable, int stepIndex) {}
