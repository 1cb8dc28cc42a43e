package dev.quarry.query.exec;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Prisma's transaction options: {@code isolationLevel}, {@code maxWait} (how long to wait for a connection) and
 * {@code timeout} (how long the transaction may run before it is rolled back). Absent, Quarry's defaults apply:
 * READ COMMITTED, a minute for each.
 */
public record TxOptions(Optional<Isolation> isolation, Duration maxWait, Duration timeout) {

    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    public static final TxOptions DEFAULT = new TxOptions(Optional.empty(), DEFAULT_WAIT, DEFAULT_WAIT);

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
