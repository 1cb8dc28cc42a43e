package dev.quarry.query.exec;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Prisma's transaction options as the client gave them: {@code isolationLevel}, {@code maxWait} (how long to wait
 * for a connection) and {@code timeout} (how long the transaction may run before it is rolled back). Absent, the
 * server's apply ({@link TxLimits}): READ COMMITTED, the pool's own wait, {@code
 * quarry.api.max-transaction-timeout}. Quarry does not take Prisma's 2 s / 5 s defaults: they bound interactive
 * transactions, which wait for the client between statements, and a Quarry {@code $transaction} is a batch that
 * never waits for its client.
 */
public record TxOptions(Optional<Isolation> isolation, Optional<Duration> maxWait, Optional<Duration> timeout) {

    public static final TxOptions DEFAULT = new TxOptions(Optional.empty(), Optional.empty(), Optional.empty());

    /** Prisma's {@code Prisma.TransactionIsolationLevel} for PostgreSQL. */
    public enum Isolation {
        ReadUncommitted("READ UNCOMMITTED"),
        ReadCommitted("READ COMMITTED"),
        RepeatableRead("REPEATABLE READ"),
        Serializable("SERIALIZABLE");

        private final String sql;

        Isolation(String sql) {
            this.sql = sql;
        }

        public String sql() {
            return sql;
        }

        public static Optional<Isolation> fromClientName(String name) {
            return Arrays.stream(values()).filter(i -> i.name().equals(name)).findFirst();
        }

        public static List<String> clientNames() {
            return Arrays.stream(values()).map(Isolation::name).toList();
        }
    }
}
