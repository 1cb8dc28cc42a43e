package dev.quarry.api;

import dev.quarry.query.exec.TxLimits;
import dev.quarry.query.plan.Limits;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The server's request limits and transaction bounds from configuration, read once (README, Security, Limits). */
@ApplicationScoped
public class LimitsProducer {

    @ConfigProperty(name = "quarry.api.max-take", defaultValue = "1000")
    int maxTake;

    @ConfigProperty(name = "quarry.api.max-depth", defaultValue = "8")
    int maxDepth;

    @ConfigProperty(name = "quarry.api.max-filter-nodes", defaultValue = "200")
    int maxFilterNodes;

    @ConfigProperty(name = "quarry.api.max-skip", defaultValue = "100000")
    long maxSkip;

    @ConfigProperty(name = "quarry.api.max-list-values", defaultValue = "10000")
    int maxListValues;

    @ConfigProperty(name = "quarry.api.max-rows", defaultValue = "1000")
    int maxRows;

    @ConfigProperty(name = "quarry.api.max-response-bytes", defaultValue = "32M")
    MemorySize maxResponseBytes;

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
    Limits limits() {
        return new Limits(
                maxTake, maxDepth, maxFilterNodes, maxSkip, maxListValues, maxRows, maxResponseBytes.asLongValue());
    }

    @Produces
    @Singleton
    TxLimits txLimits() {
        return new TxLimits(maxOperations, maxTimeout, poolWait, statementTimeout);
    }
}
