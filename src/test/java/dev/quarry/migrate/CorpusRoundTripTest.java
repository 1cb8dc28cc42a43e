package dev.quarry.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.database.DatabaseShape;
import dev.quarry.database.PgDescriber;
import dev.quarry.database.ShapeCalculator;
import dev.quarry.migrate.diff.DiffResult;
import dev.quarry.migrate.diff.ShapeDiffer;
import dev.quarry.migrate.pull.SchemaWriter;
import dev.quarry.migrate.render.PostgresRenderer;
import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.schema.PrismaSchema;
import dev.quarry.schema.SchemaResult;
import dev.quarry.schema.model.Identifiers;
import dev.quarry.schema.model.Schema;
import dev.quarry.testsupport.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every single-file PostgreSQL schema of the corpus (real/ and engines-valid/), multi-schema ones included: its
 * migration applied to an empty database, the database introspected is the shape built from the schema (so a second
 * {@code migrate dev} finds nothing), and {@code db pull} of that database gives a schema whose shape is the same
 * again. The figures are the README's, asserted exactly with their denominators.
 */
public class CorpusRoundTripTest {

    private static final Pattern POSTGRES = Pattern.compile("provider\\s*=\\s*\"(postgresql|postgres)\"");
    private static DatabaseUrl database;

    @BeforeAll
    static void createDatabase() {
        database = TestServer.createDatabase("corpus");
    }

    @AfterAll
    static void dropDatabase() {
        TestServer.dropDatabase(database);
    }

    public static Path corpus() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/corpus/prisma-schemas");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/corpus/prisma-schemas not found above the working directory");
    }

    /** The single-file PostgreSQL schemas of real/ and engines-valid/ that Quarry validates. */
    static List<Path> postgresSchemas() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String folder : List.of("real", "engines-valid")) {
            try (Stream<Path> list = Files.list(corpus().resolve(folder))) {
                list.filter(p -> p.toString().endsWith(".prisma")).sorted().forEach(files::add);
            }
        }
        List<Path> postgres = new ArrayList<>();
        for (Path file : files) {
            if (POSTGRES.matcher(Files.readString(file)).find()) {
                postgres.add(file);
            }
        }
        return postgres;
    }

    static Optional<Schema> parse(Path file) throws IOException {
        SchemaResult result = PrismaSchema.parse(file.getFileName().toString(), Files.readString(file));
        return result.hasErrors() ? Optional.empty() : result.schema();
    }

    @Test
    void migrateIntrospectAndPullRoundTrip() throws Exception {
        int total = 0;
        int valid = 0;
        int missingExtension = 0;
        int applied = 0;
        int introspected = 0;
        int pulled = 0;
        List<String> failures = new ArrayList<>();
        for (Path file : postgresSchemas()) {
            total++;
            Optional<Schema> schema = parse(file);
            if (schema.isEmpty()) {
                continue;
            }
            valid++;
            String name = file.getFileName().toString();
            DatabaseShape desired = ShapeCalculator.calculate(schema.get(), "public");
            try (Connection connection = TestServer.connect(database)) {
                Optional<String> unavailable = firstUnavailableExtension(connection, desired);
                if (unavailable.isPresent()) {
                    missingExtension++;
                    failures.add(name + ": skipped: this server has no extension " + unavailable.get());
                    continue;
                }
                emptySchemas(connection, desired.namespaces());
                try {
                    SqlScripts.executeInTransaction(connection, Migrations.createScript(schema.get()));
                } catch (SQLException e) {
                    failures.add(name + ": apply: "
                            + e.getMessage().lines().findFirst().orElse(""));
                    continue;
                }
                applied++;
                DatabaseShape live =
                        PgDescriber.describe(connection, desired.namespaces()).withoutTables(Flyways.HISTORY_TABLES);
                DiffResult again = ShapeDiffer.diff(live, desired);
                if (!again.isEmpty()) {
                    failures.add(name + ": introspection differs: " + describe(again));
                    continue;
                }
                introspected++;
                String pulledText =
                        SchemaWriter.write(live, "datasource db {\n  provider = \"postgresql\"\n}\n", "public");
                SchemaResult pulledSchema = PrismaSchema.parse("pulled.prisma", pulledText);
                if (pulledSchema.hasErrors()) {
                    failures.add(name + ": pulled schema invalid: "
                            + pulledSchema.errors().get(0).message());
                    continue;
                }
                DiffResult pullDiff = ShapeDiffer.diff(
                        live, ShapeCalculator.calculate(pulledSchema.schema().get(), "public"));
                if (!pullDiff.isEmpty()) {
                    failures.add(name + ": pulled schema differs: " + describe(pullDiff));
                    continue;
                }
                pulled++;
            }
        }
        System.out.printf(
                "corpus round trip: %d PostgreSQL schemas, %d valid, %d need an extension this server "
                        + "lacks, %d "
                        + "applied, %d introspected identical, %d pulled identical%n",
                total, valid, missingExtension, applied, introspected, pulled);
        failures.stream().limit(60).forEach(f -> System.out.println("  " + f));
        // the README's figures: 97 corpus schemas migrate, introspect back to the same shape (96) and survive db
        // pull (83)
        assertEquals(
                List.of(115, 107, 4, 97, 96, 83),
                List.of(total, valid, missingExtension, applied, introspected, pulled),
                "PostgreSQL schemas, valid, needing an extension this server lacks, applied, introspected "
                        + "identical, pulled identical");
    }

    private static String describe(DiffResult diff) {
        PostgresRenderer renderer = new PostgresRenderer("public");
        String first = String.join("; ", renderer.render(diff.steps().get(0)));
        return diff.steps().size() + " step(s), first: "
                + (first.length() > 300 ? first.substring(0, 300) + "…" : first);
    }

    /** Drops the schemas a previous schema may have left, and recreates an empty {@code public}. */
    private static void emptySchemas(Connection connection, List<String> namespaces) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            List<String> existing = new ArrayList<>();
            try (var rs = statement.executeQuery(
                    "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> "
                            + "'information_schema'")) {
                while (rs.next()) {
                    existing.add(rs.getString(1));
                }
            }
            for (String namespace : existing) {
                statement.execute("DROP SCHEMA " + Identifiers.quote(namespace) + " CASCADE");
            }
            statement.execute("CREATE SCHEMA public");
        }
    }

    /** An extension the schema declares that this server cannot install (not built here, or not that version). */
    private static Optional<String> firstUnavailableExtension(Connection connection, DatabaseShape desired)
            throws SQLException {
        for (var extension : desired.extensions()) {
            try (var statement = connection.prepareStatement(
                    "SELECT EXISTS (SELECT FROM pg_available_extension_versions WHERE name = ? AND (? IS "
                            + "NULL OR "
                            + "version = ?))")) {
                statement.setString(1, extension.name());
                statement.setString(2, extension.version().orElse(null));
                statement.setString(3, extension.version().orElse(null));
                try (var rs = statement.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return Optional.of(extension.name()
                                + extension.version().map(v -> " " + v).orElse(""));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
