package dev.quarry.query.exec;

import java.time.Duration;
import java.util.Optional;

/**
 * The server's bounds on a transaction, which a client's {@link TxOptions} may narrow but never widen.
 *
 * @param maxOperations the most operations one {@code $transaction} may hold ({@code
 * quarry.api.max-transaction-operations})
 * @param maxTimeout the longest {@code timeout} a client may ask for, and the limit of every transaction that asks
 * for none
 *     ({@code quarry.api.max-transaction-timeout})
 * @param maxWait the longest {@code maxWait} a client may ask for: the pool's own wait for a connection
 *     ({@code quarry.pool.wait-timeout}), after which the pool gives up anyway
 * @param statementTimeout the service's {@code statement_timeout} ({@code quarry.api.statement-timeout}), zero for
 * none:
 *     a client's {@code timeout} may lower it for its transaction, never lift it
 */
public record TxLimits(int maxOperations, Duration maxTimeout, Duration maxWait, Duration statementTimeout) {

    /**
     * The {@code statement_timeout} a transaction with these options sets for itself: the client's {@code timeout}
     * when it is below the service's; empty when the service's already cancels sooner (or the client gave none).
     */
    public Optional<Duration> statementTimeout(TxOptions options) {
        return options.timeout().filter(t -> statementTimeout.isZero() || t.compareTo(statementTimeout) < 0);
    }

    /** How long the transaction may run before it is rolled back. */
    public Duration timeout(TxOptions options) {
        return options.timeout().orElse(maxTimeout);
    }
}
