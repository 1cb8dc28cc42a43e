package dev.quarry.query.plan;

/** A resolved read, ready to be compiled to one SQL statement. */
public sealed interface QueryPlan permits FindPlan, AggregatePlan {

    /** Whether soft-deleted rows ({@code @deletedAt} set) are read too ({@code withDeleted}). */
    boolean withDeleted();

    /** This read with {@link #withDeleted()}. */
    QueryPlan includingDeleted();
}
