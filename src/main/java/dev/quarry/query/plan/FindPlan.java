package dev.quarry.query.plan;

/**
 * {@code findMany} ({@code single} false: a JSON array), {@code findFirst}/{@code findUnique} ({@code single}: one
 * object or {@code null}).
 */
public record FindPlan(ReadPlan read, boolean single) implements QueryPlan {}
