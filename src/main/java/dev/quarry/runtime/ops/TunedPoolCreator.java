package dev.quarry.runtime.ops;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Builds the service's reactive pool from Quarkus's datasource settings plus {@link PoolTuning}: a bounded
 * wait for a connection, the PgBouncer switch, and a name for the metrics. Quarkus calls it instead of
 * building the pool itself.
 */
@Singleton
public class TunedPoolCreator implements PgPoolCreator {

    /** The pools' names, as the metrics label them ({@code sql_pool_*{pool_name="quarry"}}). */
    static final String PRIMARY_POOL = "quarry";

    static final String READ_POOL = "quarry-reads";

    @Override
    public Pool create(Input input) {
        PoolTuning tuning = PoolTuning.fromConfig(ConfigProvider.getConfig());
        List<SqlConnectOptions> servers = input.pgConnectOptionsList().stream()
                .<SqlConnectOptions>map(tuning::apply)
                .toList();
        return PgBuilder.pool()
                .with(tuning.apply(input.poolOptions()).setName(PRIMARY_POOL))
                .connectingTo(servers)
                .using(input.vertx())
                .build();
    }
}
