package dev.quarry.database;

/** A sequence that no serial column owns (those are part of their column, see {@link ColumnDefault.Sequence}). */
public record DbSequence(
        String schema,
        String name,
        long start,
        long increment,
        long minValue,
        long maxValue,
        long cache,
        boolean cycle) {
    public String qualifiedName() {
        return schema + "." + name;
    }
}
