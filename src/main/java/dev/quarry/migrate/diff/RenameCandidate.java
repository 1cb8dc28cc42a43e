package dev.quarry.migrate.diff;

import java.util.Optional;

/**
 * A table, or a column of a kept table, that disappears while a compatible one appears in its
 * place: perhaps a rename. The differ reports it; the user decides.
 */
public record RenameCandidate(
        String previousTable, String nextTable, Optional<String> previousColumn, Optional<String> nextColumn) {

    public boolean isColumn() {
        return previousColumn.isPresent();
    }

    public String describe() {
        if (isColumn()) {
            return "column `" + previousColumn.get() + "` → `" + nextColumn.get() + "` on table `" + nextTable + "`";
        }
        return "table `" + previousTable + "` → `" + nextTable + "`";
    }
}
