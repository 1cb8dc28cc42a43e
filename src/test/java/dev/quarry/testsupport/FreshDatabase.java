package dev.quarry.testsupport;

import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.runtime.DatabaseUrlConfigSourceFactory;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A fresh database for one test class, with the service pointed at it:
 *
 * <pre>
 * &#64;WithTestResource(value = FreshDatabase.class, initArgs = {
 *     &#64;ResourceArg(name = "schema", value = "schemas/rich.prisma"),   // classpath; default schema.prisma
 *     &#64;ResourceArg(name = "sql", value = "schemas/rich.sql")})        // optional setup SQL, classpath
 * </pre>
 */
public final class FreshDatabase implements QuarkusTestResourceLifecycleManager {

    private String schema = "schema.prisma";
    private String setupSql;
    private DatabaseUrl database;

    @Override
    public void init(Map<String, String> initArgs) {
        schema = initArgs.getOrDefault("schema", schema);
        setupSql = initArgs.get("sql");
    }

    @Override
    public Map<String, String> start() {
        database = TestServer.createDatabase(schema.replaceAll(".*/", "").replace(".prisma", ""));
        if (setupSql != null) {
            TestServer.execute(database, readResource(setupSql));
        }
        Map<String, String> config = new HashMap<>(DatabaseUrlConfigSourceFactory.datasourceProperties(database));
        config.put("quarry.schema.path", "classpath:" + schema);
        config.put("quarry.test.database-url", database.toPrismaUrl());
        return config;
    }

    @Override
    public void stop() {
        if (database != null) {
            TestServer.dropDatabase(database);
        }
    }

    static String readResource(String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
