package dev.quarry.query.sql;

import dev.quarry.schema.model.Model;
import java.util.Optional;

/**
 * Which rows of a soft-delete model ({@code @deletedAt}) a statement reaches: the live ones (the field is null), or
 * every row ({@code withDeleted}). Each place a statement reads a model's table adds {@link #and}, so every read
 * path (lists, includes, relation filters, counts, aggregates, cursors, order keys) sees the same rows.
 */
public enum RowScope {
    LIVE,
    WITH_DELETED;

    public static RowScope of(boolean withDeleted) {
        return withDeleted ? WITH_DELETED : LIVE;
    }

    /** The row of {@code alias} is in scope; empty when every row of {@code model} is. */
    public Optional<Sql> condition(Model model, Sql alias) {
        if (this == WITH_DELETED) {
            return Optional.empty();
        }
        return model.softDeleteField().map(f -> Sql.of(Fragments.column(alias, f), " IS NULL"));
    }

    /** {@code condition} on the row of {@code alias}, and that row in scope. */
    public Sql and(Model model, Sql alias, Sql condition) {
        return condition(model, alias)
                .map(live -> Sql.of(condition, " AND ", live))
                .orElse(condition);
    }
}
