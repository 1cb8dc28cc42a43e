package dev.quarry.migrate.step;

import java.util.function.Function;

/** The same thing before and after a migration (Prisma's {@code MigrationPair}). */
public record Pair<T>(T previous, T next) {

    public <U> Pair<U> map(Function<T, U> f) {
        return new Pair<>(f.apply(previous), f.apply(next));
    }

    public Pair<T> reversed() {
        return new Pair<>(next, previous);
    }
}
