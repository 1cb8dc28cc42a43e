package dev.quarry.query.plan;

/** Configured ceilings of a read: the largest {@code take} (either sign) and the deepest relation nesting. */
public record Limits(int maxTake, int maxDepth) {

    public static final Limits DEFAULT = new Limits(1000, 8);
}
