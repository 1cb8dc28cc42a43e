package dev.quarry.testsupport;

import dev.quarry.runtime.DatabaseUrl;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A {@link FreshDatabase} (same arguments, and {@code pool-size} for the reactive pool's size, {@code
 * ready-delay-ms} to hold each ReadyForQuery back so that round trips count exactly: see {@link StatementRecorder})
 * that the service's reactive pool reaches through a {@link StatementRecorder}. The test sees what PostgreSQL
 * received through fields of type {@code Supplier<List<String>>} (a JDK type, so that it crosses Quarkus's class
 * loaders): one named
 * {@code executed} gets the statements, one named {@code wire} the messages as {@link Wire} lines, one named
 * {@code errors} the SQLSTATE of each error PostgreSQL sent.
 */
public final class RecordedDatabase implements QuarkusTestResourceLifecycleManager {

    private final FreshDatabase database = new FreshDatabase();
    private StatementRecorder recorder;
    private String poolSize;
    private long readyDelayMillis;

    @Override
    public void init(Map<String, String> initArgs) {
        database.init(initArgs);
        poolSize = initArgs.get("pool-size");
        readyDelayMillis = Long.parseLong(initArgs.getOrDefault("ready-delay-ms", "0"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(database.start());
        DatabaseUrl direct = DatabaseUrl.parse(config.get("quarry.database-url"));
        try {
            recorder = StatementRecorder.start(direct.host(), direct.port(), readyDelayMillis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DatabaseUrl recorded = new DatabaseUrl(
                "127.0.0.1",
                recorder.port(),
                direct.database(),
                direct.user(),
                direct.password(),
                direct.schema(),
                direct.parameters());
        // only the reactive pool: the JDBC connections (Flyway's checks, on a thread of their own at start-up) stay
        // direct
        config.put("quarkus.datasource.reactive.url", recorded.reactiveUrl());
        if (poolSize != null) {
            config.put("quarkus.datasource.reactive.max-size", poolSize);
        }
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        Supplier<List<String>> executed = recorder::executed;
        Supplier<List<String>> wire = recorder::wire;
        injector.injectIntoFields(
                executed,
                field -> field.getType() == Supplier.class && field.getName().equals("executed"));
        injector.injectIntoFields(
                wire,
                field -> field.getType() == Supplier.class && field.getName().equals("wire"));
        Supplier<List<String>> errors = recorder::errors;
        injector.injectIntoFields(
                errors,
                field -> field.getType() == Supplier.class && field.getName().equals("errors"));
    }

    @Override
    public void stop() {
        try {
            recorder.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        database.stop();
    }
}
