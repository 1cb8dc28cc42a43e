package dev.quarry.runtime;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns {@code DATABASE_URL} (or {@code quarry.database-url}) into the Quarkus datasource properties,
 * so one Prisma-style URL configures both the reactive pool and the JDBC datasource. Its ordinal sits
 * below environment variables and system properties: explicit {@code quarkus.datasource.*} values win.
 */
public final class DatabaseUrlConfigSourceFactory implements ConfigSourceFactory {

    static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String url = firstPresent(context, "quarry.database-url", "DATABASE_URL");
        if (url == null) {
            return List.of();
        }
        DatabaseUrl database = DatabaseUrl.parse(Environment.unquote(url));
        if ("true".equalsIgnoreCase(firstPresent(context, "QUARRY_PGBOUNCER", "quarry.pgbouncer"))) {
            database = behindPgBouncer(database);
        }
        return List.of(new PropertiesConfigSource(datasourceProperties(database), "DATABASE_URL", ORDINAL));
    }

    /** {@code QUARRY_PGBOUNCER=true} says what {@code ?pgbouncer=true} says, for the JDBC connection too. */
    private static DatabaseUrl behindPgBouncer(DatabaseUrl url) {
        Map<String, String> parameters = new HashMap<>(url.parameters());
        parameters.put("pgbouncer", "true");
        return new DatabaseUrl(
                url.host(), url.port(), url.database(), url.user(), url.password(), url.schema(), parameters);
    }

    public static Map<String, String> datasourceProperties(DatabaseUrl url) {
        Map<String, String> properties = new HashMap<>();
        properties.put("quarkus.datasource.username", url.user());
        url.password().ifPresent(password -> properties.put("quarkus.datasource.password", password));
        properties.put("quarkus.datasource.jdbc.url", url.jdbcUrl());
        properties.put("quarkus.datasource.reactive.url", url.reactiveUrl());
        if (!url.schema().equals("public")) {
            properties.put("quarkus.datasource.reactive.additional-properties.search_path", url.schema());
        }
        return properties;
    }

    private static String firstPresent(ConfigSourceContext context, String... names) {
        for (String name : names) {
            ConfigValue value = context.getValue(name);
            if (value != null && value.getValue() != null && !value.getValue().isBlank()) {
                return value.getValue();
            }
        }
        return null;
    }
}
