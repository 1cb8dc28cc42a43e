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
        return List.of(new PropertiesConfigSource(datasourceProperties(DatabaseUrl.parse(url)), "DATABASE_URL", ORDINAL));
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
