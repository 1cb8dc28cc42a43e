package dev.quarry.runtime.ops;

import dev.quarry.query.sql.StatementCache;
import dev.quarry.runtime.DatabaseUrl;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;

/**
 * How Quarry's connection pools queue, wait and talk to a pooler, in one place so the primary and the
 * read pool behave alike.
 *
 * @param queueSize how many requests may wait for a connection; one more fails at once (and becomes a 503)
 * @param waitTimeout how long a request waits for a connection (and for a new one to open) before it fails
 * @param behindPgBouncer PgBouncer in transaction mode is in front: no named prepared statements, which
 *     PgBouncer 1.18 cannot carry from one transaction to the next
 * @param statementTimeout {@code statement_timeout} as a connection start-up parameter, so open mode gets it at no
 * cost
 * per request (jwt mode sets it again in each transaction); zero for none, and not sent to PgBouncer, which refuses
 *     start-up parameters it does not know
 * @param idleInTransactionTimeout {@code idle_in_transaction_session_timeout} as a start-up parameter, a backstop:
 * a
 * session left inside an open transaction (which Quarry's own paths never do) is ended by PostgreSQL, which frees
 * its
 *     locks and its connection; zero for none, and likewise not sent to PgBouncer
 * @param jit PostgreSQL's JIT compilation ({@code jit} start-up parameter, not sent to PgBouncer). Off by default:
 * the
 * nested JSON subqueries of an include have cost estimates far above {@code jit_above_cost}, so PostgreSQL spent
 *     about a second compiling a read that runs in a millisecond (an include fan-out on 2,000 users × 20 posts)
 */
public record PoolTuning(
        int queueSize,
        Duration waitTimeout,
        boolean behindPgBouncer,
        Duration statementTimeout,
        Duration idleInTransactionTimeout,
        boolean jit) {

    public static PoolTuning fromConfig(Config config) {
        boolean pgbouncer =
                config.getOptionalValue("quarry.pgbouncer", Boolean.class).orElse(false)
                        || primaryUrl(config).map(PoolTuning::namesPgBouncer).orElse(false);
        return new PoolTuning(
                config.getOptionalValue("quarry.pool.queue-size", Integer.class).orElse(-1),
                config.getOptionalValue("quarry.pool.wait-timeout", Duration.class)
                        .orElse(Duration.ofSeconds(30)),
                pgbouncer,
                config.getOptionalValue("quarry.api.statement-timeout", Duration.class)
                        .orElse(Duration.ZERO),
                config.getOptionalValue("quarry.api.idle-in-transaction-timeout", Duration.class)
                        .orElse(Duration.ZERO),
                config.getOptionalValue("quarry.database.jit", Boolean.class).orElse(false));
    }

    /** The same tuning for another server, which may name PgBouncer in its own URL. */
    public PoolTuning forServer(DatabaseUrl url) {
        return new PoolTuning(
                queueSize,
                waitTimeout,
                behindPgBouncer || namesPgBouncer(url),
                statementTimeout,
                idleInTransactionTimeout,
                jit);
    }

    /** Prisma's switch for the same thing: {@code ?pgbouncer=true} in the database URL. */
    static boolean namesPgBouncer(DatabaseUrl url) {
        return "true".equalsIgnoreCase(url.parameters().get("pgbouncer"));
    }

    static Optional<DatabaseUrl> primaryUrl(Config config) {
        return config.getOptionalValue("quarry.database-url", String.class)
                .or(() -> config.getOptionalValue("DATABASE_URL", String.class))
                .filter(url -> !url.isBlank())
                .map(DatabaseUrl::parse);
    }

    public PoolOptions apply(PoolOptions options) {
        return options.setMaxWaitQueueSize(queueSize)
                .setConnectionTimeout((int) waitTimeout.toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
    }

    public PgConnectOptions apply(PgConnectOptions options) {
        // the client keeps a statement prepared on its connection only up to this length (2,048 by default, which
        // most reads exceed): beyond it every read waits for a Parse round trip first, and a jwt read's pipeline
        // stalls
        options.setConnectTimeout((int) waitTimeout.toMillis())
                .setPreparedStatementCacheSqlLimit(StatementCache.MAX_KEPT_CHARS);
        if (behindPgBouncer) {
            return options.setUseLayer7Proxy(true).setCachePreparedStatements(false);
        }
        if (!statementTimeout.isZero()) {
            options.addProperty("statement_timeout", statementTimeout.toMillis() + "ms");
        }
        if (!idleInTransactionTimeout.isZero()) {
            options.addProperty("idle_in_transaction_session_timeout", idleInTransactionTimeout.toMillis() + "ms");
        }
        if (!jit) {
            options.addProperty("jit", "off");
        }
        return options;
    }
}
