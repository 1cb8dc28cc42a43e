package dev.quarry.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void parsesPrismasForm() {
        DatabaseUrl url =
                DatabaseUrl.parse("postgresql://alice:s3cret@db.example.com:6543/shop?schema=app&sslmode=require");
        assertEquals("db.example.com", url.host());
        assertEquals(6543, url.port());
        assertEquals("shop", url.database());
        assertEquals("alice", url.user());
        assertEquals(Optional.of("s3cret"), url.password());
        assertEquals("app", url.schema());
        assertEquals("jdbc:postgresql://db.example.com:6543/shop?currentSchema=app&sslmode=require", url.jdbcUrl());
        assertEquals("postgresql://db.example.com:6543/shop?sslmode=require", url.reactiveUrl());
    }

    @Test
    void defaultsPortUserAndSchema() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://localhost/blog");
        assertEquals(5432, url.port());
        assertEquals("postgres", url.user());
        assertEquals("public", url.schema());
        assertEquals("jdbc:postgresql://localhost:5432/blog", url.jdbcUrl());
    }

    @Test
    void behindPgBouncerTheJdbcDriverPreparesNothingOnTheServer() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://quarry@pgbouncer:6432/shop?pgbouncer=true");
        assertEquals("jdbc:postgresql://pgbouncer:6432/shop?prepareThreshold=0", url.jdbcUrl());
        assertEquals("postgresql://pgbouncer:6432/shop", url.reactiveUrl());
    }

    @Test
    void decodesPercentEncodedCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://us%40er:p%40ss%3Aw+rd@localhost:5432/db");
        assertEquals("us@er", url.user());
        assertEquals(Optional.of("p@ss:w+rd"), url.password());
        assertEquals(url, DatabaseUrl.parse(url.toPrismaUrl()));
    }

    @Test
    void neverShowsThePassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://alice:s3cret@localhost:5432/db");
        assertFalse(url.redacted().contains("s3cret"));
        assertFalse(url.toString().contains("s3cret"));
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("postgresql://alice:s3cret@/db"));
        assertFalse(error.getMessage().contains("s3cret"));
    }

    @Test
    void rejectsOtherProvidersWithAClearSentence() {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("mysql://root@localhost/db"));
        assertTrue(error.getMessage().contains("only PostgreSQL"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("postgresql://localhost:5432/"));
        assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse(""));
    }

    @Test
    void quarryPgBouncerKeepsTheJdbcConnectionFromPreparingOnTheServer() {
        Map<String, String> environment =
                Map.of("DATABASE_URL", "postgresql://quarry@pgbouncer:6432/shop", "QUARRY_PGBOUNCER", "true");
        ConfigSourceContext context = new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                return ConfigValue.builder()
                        .withName(name)
                        .withValue(environment.get(name))
                        .build();
            }

            @Override
            public Iterator<String> iterateNames() {
                return environment.keySet().iterator();
            }
        };
        var source = new DatabaseUrlConfigSourceFactory()
                .getConfigSources(context)
                .iterator()
                .next();
        assertEquals(
                "jdbc:postgresql://pgbouncer:6432/shop?prepareThreshold=0",
                source.getValue("quarkus.datasource.jdbc.url"));
    }

    @Test
    void derivesQuarkusDatasourceProperties() {
        Map<String, String> properties = DatabaseUrlConfigSourceFactory.datasourceProperties(
                DatabaseUrl.parse("postgresql://bob:pw@h:5432/d?schema=tenant"));
        assertEquals("bob", properties.get("quarkus.datasource.username"));
        assertEquals("pw", properties.get("quarkus.datasource.password"));
        assertEquals("jdbc:postgresql://h:5432/d?currentSchema=tenant", properties.get("quarkus.datasource.jdbc.url"));
        assertEquals("postgresql://h:5432/d", properties.get("quarkus.datasource.reactive.url"));
        assertEquals("tenant", properties.get("quarkus.datasource.reactive.additional-properties.search_path"));
    }
}
