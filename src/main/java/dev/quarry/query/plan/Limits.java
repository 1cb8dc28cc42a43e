package dev.quarry.query.plan;

/**
 * Configured ceilings of a request: the largest {@code take} (either sign), the deepest relation nesting, and the
 * most filter nodes in one {@code where} (every key of every object in it: fields, operators, AND/OR/NOT; the
 * values of an {@code in} list are not counted).
 */
public record Limits(int maxTake, int maxDepth, int maxFilterNodes) {

    public static final Limits DEFAULT = new Limits(1000, 8, 200);
}
