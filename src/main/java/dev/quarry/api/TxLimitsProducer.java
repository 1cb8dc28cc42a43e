package dev.quarry.api;

import dev.quarry.query.exec.TxLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The server's transaction bounds from configuration, read once (README, Security, Limits). */
@ApplicationScoped
public class TxLimitsProducer {

    @ConfigProperty(name = "quarry.api.max-transaction-operations", defaultValue = "100")
    int maxOperations;

    @ConfigProperty(name = "quarry.api.max-transaction-timeout", defaultValue = "15s")
    Duration maxTimeout;

    @ConfigProperty(name = "quarry.pool.wait-timeout", defaultValue = "30s")
    Duration poolWait;

    @ConfigProperty(name = "quarry.api.statement-timeout", defaultValue = "30s")
    Duration statementTimeout;

    @Produces
    @Singleton
    TxLimits txLimits() {
        return new TxLimits(maxOperations, maxTimeout, poolWait, statementTimeout);
    }
}
