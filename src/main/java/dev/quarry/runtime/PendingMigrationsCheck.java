package dev.quarry.runtime;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.jboss.logging.Logger;

/**
 * At start-up, says whether the served database lacks migrations, and never applies them (that is
 * {@code migrate deploy}'s job, at deploy time). The check runs on its own thread: a slow or
 * unreachable database delays nothing and fails nothing, it only logs a warning.
 */
@ApplicationScoped
public class PendingMigrationsCheck {

    private static final Logger LOG = Logger.getLogger(PendingMigrationsCheck.class);
    private static final Path PROJECT_MIGRATIONS = Path.of("src/main/resources/db/migration");

    @ConfigProperty(name = "quarry.database-url")
    Optional<String> quarryDatabaseUrl;

    @ConfigProperty(name = "DATABASE_URL")
    Optional<String> databaseUrl;

    void onStart(@Observes StartupEvent event) {
        Optional<DatabaseUrl> url = quarryDatabaseUrl.or(() -> databaseUrl).filter(s -> !s.isBlank()).map(DatabaseUrl::parse);
        if (url.isEmpty()) {
            return;
        }
        String location = Files.isDirectory(PROJECT_MIGRATIONS) ? "filesystem:" + PROJECT_MIGRATIONS.toAbsolutePath() : "classpath:db/migration";
        Thread thread = new Thread(() -> log(check(url.get(), location)), "quarry-pending-migrations");
        thread.setDaemon(true);
        thread.start();
    }

    /** What the check found, as the line to log. */
    public record Result(boolean warning, String message) {}

    public static Result check(DatabaseUrl url, String location) {
        try {
            MigrationInfo[] pending = Flyway.configure(PendingMigrationsCheck.class.getClassLoader())
                    .dataSource(url.jdbcUrl() + (url.jdbcUrl().contains("?") ? "&" : "?") + "connectTimeout=5", url.user(), url.password().orElse(null))
                    .schemas(url.schema())
                    .defaultSchema(url.schema())
                    .locations(location)
                    .connectRetries(0)
                    .load()
                    .info()
                    .pending();
            if (pending.length == 0) {
                return new Result(false, "migrations: " + url.redacted() + " is up to date");
            }
            String names = Arrays.stream(pending).map(m -> m.getScript()).collect(Collectors.joining(", "));
            return new Result(true, "migrations: " + pending.length + " pending migration(s) not applied to " + url.redacted() + ": " + names
                    + "; run `migrate deploy` (they are never applied by the service)");
        } catch (FlywayException e) {
            String reason = Optional.ofNullable(e.getMessage()).map(m -> m.strip().lines().findFirst().orElse("")).orElse("");
            return new Result(true, "migrations: could not check for pending migrations on " + url.redacted() + " (" + reason + ")");
        }
    }

    private static void log(Result result) {
        if (result.warning()) {
            LOG.warn(result.message());
        } else {
            LOG.info(result.message());
        }
    }
}
