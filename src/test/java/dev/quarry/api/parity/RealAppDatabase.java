package dev.quarry.api.parity;

import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.runtime.DatabaseUrlConfigSourceFactory;
import dev.quarry.schema.PrismaSchema;
import dev.quarry.schema.model.Schema;
import dev.quarry.testsupport.FreshDatabase;
import dev.quarry.testsupport.TestServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Two equal databases of a real application's schema, one for Prisma Client and one for Quarry: the tables made by
 * Prisma 7's own SQL, rows seeded through Prisma Client ({@link RealAppData#seed}), then copied (CREATE DATABASE …
 * TEMPLATE). The peer keeps running on its copy for the test, which finds it by {@code
 * quarry.test.prisma-peer-port}; Quarry serves the other. Without node/npm it falls back to an empty database and
 * the test skips (fails under CI).
 *
 * <pre>
 * &#64;WithTestResource(value = RealAppDatabase.class, initArgs = { &#64;ResourceArg(name = "schema", value =
 * "parity/real/ghostfolio.prisma"), &#64;ResourceArg(name = "seed", value = "24")})
 * </pre>
 */
public final class RealAppDatabase implements QuarkusTestResourceLifecycleManager {

    static final int SEED_ROWS = 150;

    private String schemaResource;
    private long seed;
    private DatabaseUrl prismaSide;
    private DatabaseUrl quarrySide;
    private PrismaPeer peer;

    @Override
    public void init(Map<String, String> initArgs) {
        schemaResource = initArgs.get("schema");
        seed = Long.parseLong(initArgs.getOrDefault("seed", "1"));
    }

    @Override
    public Map<String, String> start() {
        String name = schemaResource.replaceAll(".*/", "").replace(".prisma", "");
        Map<String, String> config = new HashMap<>();
        try {
            if (PrismaPeer.unavailableReason().isPresent()) {
                quarrySide = TestServer.createDatabase(name);
                FreshDatabase.createTables(quarrySide, schemaResource);
            } else {
                Path schemaFile = Path.of("src/test/resources", schemaResource);
                Schema schema = PrismaSchema.load(schemaFile).schema().orElseThrow();
                prismaSide = TestServer.createDatabase("prisma_" + name);
                long started = System.nanoTime();
                try (PrismaPeer seeding = PrismaPeer.start(schemaFile, prismaSide.toPrismaUrl(), true)) {
                    for (RealAppData.Call call : new RealAppData(schema, seed).seed(SEED_ROWS)) {
                        HttpResponse<String> answer = seeding.post(call.delegate(), call.operation(), call.args());
                        if (answer.statusCode() != 200) {
                            throw new IllegalStateException(
                                    "seeding " + call + " through Prisma Client failed: " + answer.body());
                        }
                    }
                }
                // the seed gives autoincrement ids itself; both copies go on from the highest
                TestServer.execute(prismaSide, """
                        DO $$ DECLARE s record; BEGIN
                          FOR s IN SELECT c.relname AS seq, t.relname AS tab, a.attname AS col FROM pg_depend d
                              JOIN pg_class c ON c.oid = d.objid AND c.relkind = 'S' JOIN pg_class t ON t.oid \
                              = d.refobjid
                              JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid LOOP
                            EXECUTE format('SELECT setval(%L, coalesce((SELECT max(%I) FROM %I), 0) + 1, \
                            false)', quote_ident(s.seq), s.col, s.tab);
                          END LOOP; END $$""");
                quarrySide =
                        TestServer.admin().withDatabase(prismaSide.database().replace("prisma_", "quarry_"));
                TestServer.execute(
                        TestServer.admin(),
                        "CREATE DATABASE \"" + quarrySide.database() + "\" TEMPLATE \"" + prismaSide.database() + "\"");
                peer = PrismaPeer.start(schemaFile, prismaSide.toPrismaUrl());
                System.out.printf(
                        "[parity] %s: tables by Prisma's SQL, %d rows seeded through Prisma Client, "
                                + "copied, peer "
                                + "up in %d ms%n",
                        name, rowCount(), (System.nanoTime() - started) / 1_000_000);
                config.put("quarry.test.prisma-peer-port", Integer.toString(peer.port()));
                config.put("quarry.test.prisma-database-url", prismaSide.toPrismaUrl());
            }
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("setting up the " + name + " parity databases: " + e.getMessage(), e);
        }
        config.putAll(DatabaseUrlConfigSourceFactory.datasourceProperties(quarrySide));
        config.put("quarry.database-url", quarrySide.toPrismaUrl());
        config.put("quarry.schema.path", "classpath:" + schemaResource);
        config.put("quarry.test.database-url", quarrySide.toPrismaUrl());
        return config;
    }

    private long rowCount() throws Exception {
        return RealAppState.of(prismaSide).values().stream()
                .mapToLong(List::size)
                .sum();
    }

    @Override
    public void stop() {
        if (peer != null) {
            peer.close();
            peer = null;
        }
        if (quarrySide != null) {
            TestServer.dropDatabase(quarrySide);
        }
        if (prismaSide != null) {
            TestServer.dropDatabase(prismaSide);
        }
    }
}
