package dev.quarry.runtime.ops;

import dev.quarry.runtime.DatabaseUrl;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The pool for reads: {@code @Inject @Reads Pool} (or the Mutiny {@code Pool}). With {@code
 * QUARRY_READ_DATABASE_URL} set it is a pool of its own on that server (a read replica, or a pooler in front of
 * replicas); without it, the primary pool, so code that reads through it needs no second path.
 */
@ApplicationScoped
public class ReadPoolProducer {

    private static final Logger LOG = Logger.getLogger(ReadPoolProducer.class);

    @ConfigProperty(name = "quarry.read-database-url")
    Optional<String> readUrl;

    @ConfigProperty(name = "quarkus.datasource.reactive.max-size")
    int poolSize;

    @Produces
    @Singleton
    @Reads
    Pool readPool(Vertx vertx, Pool primary) {
        if (readUrl.isEmpty() || readUrl.get().isBlank()) {
            return primary;
        }
        DatabaseUrl url = DatabaseUrl.parse(readUrl.get());
        PoolTuning tuning = PoolTuning.fromConfig(ConfigProvider.getConfig()).forServer(url);
        LOG.infof("reads go to %s", url.redacted());
        return PgBuilder.pool()
                .with(tuning.apply(new PoolOptions().setMaxSize(poolSize).setName(TunedPoolCreator.READ_POOL)))
                .connectingTo(tuning.apply(connectOptions(url)))
                .using(vertx)
                .build();
    }

    @Produces
    @Singleton
    @Reads
    // qualified: the Vert.x core Pool is imported
    io.vertx.mutiny.sqlclient.Pool mutinyReadPool(@Reads Pool readPool) {
        return io.vertx.mutiny.sqlclient.Pool.newInstance(readPool);
    }

    void close(@Disposes @Reads Pool readPool, Pool primary) {
        if (readPool != primary) {
            readPool.close();
        }
    }

    public static PgConnectOptions connectOptions(DatabaseUrl url) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.reactiveUrl()).setUser(url.user());
        url.password().ifPresent(options::setPassword);
        if (!url.schema().equals("public")) {
            options.addProperty("search_path", url.schema());
        }
        return options;
    }
}
