package dev.quarry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.runtime.DatabaseUrlConfigSourceFactory;
import dev.quarry.runtime.ops.Reads;
import dev.quarry.testsupport.PgBouncer;
import dev.quarry.testsupport.TestServer;
import dev.quarry.testsupport.Tools;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The service's own pools, as Quarkus builds them, through PgBouncer in transaction mode with Prisma's
 * switch in the URL ({@code ?pgbouncer=true}): parameterised reads on both pools, many at once.
 */
@Tag("ops")
@QuarkusTest
@WithTestResource(PgBouncerServiceTest.BehindPgBouncer.class)
class PgBouncerServiceTest {

    @Inject
    Pool primary;

    @Inject
    @Reads
    Pool read;

    @Test
    void parameterisedReadsThroughPgBouncerSucceed() throws Exception {
        String pgBouncer = ConfigProvider.getConfig()
                .getOptionalValue("quarry.test.pgbouncer", String.class)
                .orElse("absent");
        Tools.require(
                pgBouncer.equals("running"),
                () -> "pgbouncer is not installed (apt-get install -y pgbouncer, or "
                        + "src/test/ops/install-tools.sh)");
        List<Future<Integer>> reads = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Pool pool = i % 2 == 0 ? primary : read;
            reads.add(pool.preparedQuery("SELECT count(*)::int FROM \"User\" WHERE \"email\" LIKE $1")
                    .execute(Tuple.of("user" + (i % 7) + "%"))
                    .map(rows -> rows.iterator().next().getInteger(0)));
        }
        Future.all(new ArrayList<>(reads))
                .toCompletionStage()
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        assertEquals(300, reads.stream().filter(Future::succeeded).count());
        assertEquals(1, reads.get(1).result());
    }

    public static final class BehindPgBouncer implements QuarkusTestResourceLifecycleManager {
        private DatabaseUrl database;
        private PgBouncer pgBouncer;

        @Override
        public Map<String, String> start() {
            database = TestServer.createDatabase("pgbouncer_service");
            TestServer.execute(
                    database,
                    "CREATE TABLE \"User\" (\"email\" text PRIMARY KEY); "
                            + "INSERT INTO \"User\" SELECT 'user' || i || '@example.com' FROM generate_series(1, 9) i");
            Optional<Path> executable = Tools.find("pgbouncer");
            DatabaseUrl front = database;
            if (executable.isPresent()) {
                try {
                    pgBouncer = PgBouncer.start(executable.get(), TestServer.admin(), 2);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                Map<String, String> parameters = new HashMap<>(database.parameters());
                parameters.put("pgbouncer", "true");
                DatabaseUrl through = pgBouncer.front(database);
                front = new DatabaseUrl(
                        through.host(),
                        through.port(),
                        through.database(),
                        through.user(),
                        through.password(),
                        through.schema(),
                        parameters);
            }
            Map<String, String> config = new HashMap<>(DatabaseUrlConfigSourceFactory.datasourceProperties(front));
            config.put("quarry.database-url", front.toPrismaUrl());
            config.put("quarry.read-database-url", front.toPrismaUrl());
            config.put("quarry.schema.path", "classpath:schema.prisma");
            config.put("quarkus.datasource.reactive.max-size", "6");
            config.put("quarry.test.pgbouncer", pgBouncer == null ? "absent" : "running");
            return config;
        }

        @Override
        public void stop() {
            try {
                if (pgBouncer != null) {
                    pgBouncer.close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TestServer.dropDatabase(database);
        }
    }
}
