package dev.quarry.query.plan;

/**
 * {@code findMany} ({@code single} false: a JSON array), {@code findFirst}/{@code findUnique} ({@code single}: one
 * object or {@code null}); {@code withDeleted}: soft-deleted rows are read too.
 */
public record FindPlan(ReadPlan read, boolean single, boolean withDeleted) implements QueryPlan {

    public FindPlan(ReadPlan read, boolean single) {
        this(read, single, false);
    }

    @Override
    public FindPlan includingDeleted() {
        return new FindPlan(read, single, true);
    }
}
