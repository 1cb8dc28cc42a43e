package dev.quarry.migrate.check;

import dev.quarry.migrate.diff.ColumnRef;
import java.util.Optional;

/**
 * What a step may do to data, said before anything runs. An {@code unexecutable} warning is a step
 * that will fail on the data present (a required column added to a table with rows); the others lose
 * or change data if run.
 *
 * @param uncastable the column whose values a type change cannot all cast: accepting the loss drops and adds it
 * again
 */
public record Warning(String message, boolean unexecutable, int stepIndex, Optional<ColumnRef> uncastable) {

    public Warning(String message, boolean unexecutable, int stepIndex) {
        this(message, unexecutable, stepIndex, Optional.empty());
    }
}
