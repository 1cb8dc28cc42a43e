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
 * A {@link FreshDatabase} (same arguments) that the service's reactive pool reaches through a {@link StatementRecorder}. The test
 * sees the statements PostgreSQL received through a field of type {@code Supplier<List<String>>} (a JDK type, so
 * that it crosses Quarkus's class loaders).
 */
public final class RecordedDatabase implements QuarkusTestResourceLifecycleManager {

    private final FreshDatabase database = new FreshDatabase();
    private StatementRecorder recorder;

    @Override
    public void init(Map<String, String> initArgs) {
        database.init(initArgs);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(database.start());
        DatabaseUrl direct = DatabaseUrl.parse(config.get("quarry.database-url"));
        try {
            recorder = StatementRecorder.start(direct.host(), direct.port());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DatabaseUrl recorded = new DatabaseUrl("127.0.0.1", recorder.port(), direct.database(), direct.user(), direct.password(), direct.schema(),
                direct.parameters());
        // only the reactive pool: the JDBC connections (Flyway's checks, on a thread of their own at start-up) stay direct
        config.put("quarkus.datasource.reactive.url", recorded.reactiveUrl());
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        Supplier<List<String>> executed = recorder::executed;
        injector.injectIntoFields(executed, field -> field.getType() == Supplier.class);
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
