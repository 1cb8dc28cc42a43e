package dev.quarry.runtime;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.jboss.logging.Logger;

/**
 * Whether the served database lacks migrations the service was built with; it never applies them (that is
 * {@code migrate deploy}'s job, at deploy time). Checked on its own thread from start-up, and again every
 * {@link #RECHECK} until the database is found up to date (a migration Job may finish after the service starts), so
 * a slow or unreachable database delays nothing. While migrations are pending, readiness is DOWN naming them and
 * API requests answer 503 {@code schema-behind} ({@link #behind()}, a field read, no query per request), unless
 * {@code quarry.migrations.require-applied=false} (a database whose tables something else manages).
 */
@ApplicationScoped
public class PendingMigrationsCheck {

    private static final Logger LOG = Logger.getLogger(PendingMigrationsCheck.class);
    private static final Path PROJECT_MIGRATIONS = Path.of("src/main/resources/db/migration");
    static final Duration RECHECK = Duration.ofSeconds(5);

    @ConfigProperty(name = "quarry.database-url")
    Optional<String> quarryDatabaseUrl;

    @ConfigProperty(name = "DATABASE_URL")
    Optional<String> databaseUrl;

    @ConfigProperty(name = "quarry.migrations.require-applied", defaultValue = "true")
    boolean requireApplied;

    /** Set by {@code serve} in a Prisma project, whose migrations are not where a Java project keeps them. */
    @ConfigProperty(name = "quarry.migrations.location")
    Optional<String> migrationsLocation;

    private volatile Result last = new Result(false, "migrations: not checked yet", List.of());

    void onStart(@Observes StartupEvent event) {
        Optional<DatabaseUrl> url = quarryDatabaseUrl
                .or(() -> databaseUrl)
                .filter(s -> !s.isBlank())
                .map(DatabaseUrl::parse);
        if (url.isEmpty()) {
            return;
        }
        String location = migrationsLocation.orElse(
                Files.isDirectory(PROJECT_MIGRATIONS)
                        ? "filesystem:" + PROJECT_MIGRATIONS.toAbsolutePath()
                        : "classpath:db/migration");
        Thread thread = new Thread(() -> watch(url.get(), location), "quarry-pending-migrations");
        thread.setDaemon(true);
        thread.start();
    }

    /** Checks until the database is up to date, logging each new finding once. */
    private void watch(DatabaseUrl url, String location) {
        while (true) {
            Result result = check(url, location);
            if (!result.message().equals(last.message())) {
                log(result);
            }
            last = result;
            if (!result.warning() || !requireApplied) {
                return;
            }
            try {
                Thread.sleep(RECHECK.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Migrations are known to be pending, and the service is configured to refuse requests until they are applied.
     */
    public boolean behind() {
        return requireApplied && !last.pending().isEmpty();
    }

    /** The latest finding. */
    public Result last() {
        return last;
    }

    /**
     * What the check found, as the line to log.
     *
     * @param pending the pending migrations' scripts, oldest first; empty also when the check could not run
     */
    public record Result(boolean warning, String message, List<String> pending) {}

    public static Result check(DatabaseUrl url, String location) {
        try {
            MigrationInfo[] pending = Flyway.configure(PendingMigrationsCheck.class.getClassLoader())
                    .dataSource(
                            url.jdbcUrl() + (url.jdbcUrl().contains("?") ? "&" : "?") + "connectTimeout=5",
                            url.user(),
                            url.password().orElse(null))
                    .schemas(url.schema())
                    .defaultSchema(url.schema())
                    .locations(location)
                    .connectRetries(0)
                    .load()
                    .info()
                    .pending();
            if (pending.length == 0) {
                return new Result(false, "migrations: " + url.redacted() + " is up to date", List.of());
            }
            List<String> names =
                    Arrays.stream(pending).map(MigrationInfo::getScript).toList();
            return new Result(
                    true,
                    "migrations: " + pending.length + " pending migration(s) not applied to " + url.redacted() + ": "
                            + String.join(", ", names)
                            + "; run `migrate deploy` (they are never applied by the service)",
                    names);
        } catch (FlywayException e) {
            String reason = Optional.ofNullable(e.getMessage())
                    .map(m -> m.strip().lines().findFirst().orElse(""))
                    .orElse("");
            return new Result(
                    true,
                    "migrations: could not check for pending migrations on " + url.redacted() + " (" + reason + ")",
                    List.of());
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
