package dev.quarry.query.plan;

/**
 * Configured ceilings of a request.
 *
 * @param maxTake          the largest {@code take} (either sign)
 * @param maxDepth         the deepest relation nesting
 * @param maxFilterNodes the most filter nodes of a request, all its filters together (every key of every object in
 *                         them: fields, operators, AND/OR/NOT; the values of an {@code in} list are not nodes)
 * @param maxSkip          the largest {@code skip}
 * @param maxListValues the most values of a request's list operators ({@code in}, {@code notIn}, {@code hasSome},
 *                         {@code hasEvery}) together
 * @param maxRows          the most rows of any one list of an answer (top level, nested, groupBy)
 * @param maxResponseBytes the largest answer body, in bytes
 */
public record Limits(
        int maxTake,
        int maxDepth,
        int maxFilterNodes,
        long maxSkip,
        int maxListValues,
        int maxRows,
        long maxResponseBytes) {

    public static final Limits DEFAULT = new Limits(1000, 8, 200, 100_000, 10_000, 1000, 32L << 20);
}
