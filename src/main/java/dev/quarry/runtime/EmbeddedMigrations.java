package dev.quarry.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;

/**
 * On the embedded (development) database only, {@code serve} applies the project's migrations so
 * the quick start needs no second command. Against a configured database, migrations run at deploy
 * time ({@code migrate deploy}), never from {@code serve}.
 */
public final class EmbeddedMigrations {

    private EmbeddedMigrations() {}

    /** @return how many migrations were applied */
    public static int apply(DatabaseUrl url) {
        Path projectMigrations = Path.of("src/main/resources/db/migration");
        String location =
                Files.isDirectory(projectMigrations) ? "filesystem:" + projectMigrations : "classpath:db/migration";
        Flyway flyway = Flyway.configure(EmbeddedMigrations.class.getClassLoader())
                .dataSource(url.jdbcUrl(), url.user(), url.password().orElse(null))
                .locations(location)
                .load();
        return flyway.migrate().migrationsExecuted;
    }
}
