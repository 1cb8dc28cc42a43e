package dev.quarry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.migrate.MigrationsFolder;
import dev.quarry.migrate.PrismaMigrationsFolder;
import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.runtime.Environment;
import dev.quarry.runtime.SchemaSource;
import dev.quarry.schema.model.ConfigValue;
import dev.quarry.schema.model.Datasource;
import dev.quarry.schema.model.Schema;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a command finds the schema, the migrations and the database, looking from the folder it runs in as Prisma's
 * CLI does: {@code --schema}, then {@code QUARRY_SCHEMA_PATH}, then {@code prisma.config.ts}, then
 * {@code package.json#prisma.schema}, then {@code prisma/schema.prisma}, {@code prisma/schema/} and
 * {@code schema.prisma}, then a Java project's {@code src/main/resources/schema.prisma}, else the schema packaged
 * with Quarry.
 *
 * @param schema the schema's location, as {@link SchemaSource#load} reads it
 * @param foundBy how it was found, for the person reading the output
 * @param migrations Quarry's Flyway files: a Java project's {@code src/main/resources/db/migration}; in a Prisma
 * project
 *     beside Prisma's history ({@code prisma/migrations-flyway} next to {@code prisma/migrations})
 * @param prismaHistory Prisma Migrate's folder in a Prisma project, read as it is
 * @param root the project's folder, where {@code generate} writes: the config's or {@code package.json}'s folder,
 * the one
 *     above {@code prisma/}, or a Java project's root
 * @param environment the variables the project's URLs read: the process's, then its {@code .env} files as Prisma
 * finds them
 */
record Project(
        String schema,
        String foundBy,
        Layout layout,
        Path migrations,
        Optional<Path> prismaHistory,
        Optional<PrismaConfig> config,
        Path root,
        Environment environment) {

    /** What kind of folder the command runs in. */
    enum Layout {
        /** A Quarry service's sources: the schema at {@code src/main/resources/schema.prisma}. */
        JAVA,
        /** A project Prisma's CLI works on (a Node app, usually). */
        PRISMA,
        /** No project: the schema packaged with Quarry (the container image). */
        PACKAGED
    }

    static final String JAVA_SCHEMA = SchemaSource.PROJECT_DEFAULT;
    private static final String PACKAGE_JSON_SCHEMA = "#prisma.schema";

    /** The project of the current folder. */
    static Project discover(Optional<String> schemaOption, Optional<Path> migrationsOption) {
        return discover(Path.of(""), Environment.current(), schemaOption, migrationsOption);
    }

    static Project discover(
            Path directory, Environment environment, Optional<String> schemaOption, Optional<Path> migrationsOption) {
        Optional<PrismaConfig> config = PrismaConfig.find(directory);
        Optional<Found> found = schemaOption
                .map(s -> new Found(locate(directory, s), "--schema"))
                .or(() -> environment
                        .get("QUARRY_SCHEMA_PATH")
                        .map(s -> new Found(locate(directory, s), "QUARRY_SCHEMA_PATH")))
                .or(() -> config.flatMap(c -> c.schema()
                        .map(s -> new Found(c.resolve(s).toString(), c.file().toString()))))
                .or(() -> packageJsonSchema(directory))
                .or(() -> Stream.of("prisma/schema.prisma", "prisma/schema", "schema.prisma", JAVA_SCHEMA)
                        .map(directory::resolve)
                        .filter(p -> Files.isRegularFile(p) || isSchemaFolder(p))
                        .findFirst()
                        .map(p -> new Found(p.toString(), "the default locations")));
        if (found.isEmpty()) {
            if (config.isPresent()) {
                throw new UserError(config.get().file()
                        + " names no schema and there is no prisma/schema.prisma or prisma/schema/; set `schema` "
                        + "there or pass --schema");
            }
            Path migrations = migrationsOption.orElse(directory.resolve(MigrationsFolder.PROJECT_DEFAULT));
            return new Project(
                    SchemaSource.CLASSPATH_DEFAULT,
                    "no project here",
                    Layout.PACKAGED,
                    migrations,
                    Optional.empty(),
                    config,
                    directory,
                    Environment.of(directory, Optional.empty()));
        }
        String schema = found.get().location();
        if (schema.startsWith("classpath:")) {
            return new Project(
                    schema,
                    found.get().by(),
                    Layout.PACKAGED,
                    migrationsOption.orElse(directory.resolve(MigrationsFolder.PROJECT_DEFAULT)),
                    Optional.empty(),
                    config,
                    directory,
                    Environment.of(directory, Optional.empty()));
        }
        Path path = Path.of(schema);
        // Prisma's CLI reads the .env beside a schema the user named (--schema, package.json), not beside one it
        // found
        boolean named = found.get().given() || found.get().by().endsWith(PACKAGE_JSON_SCHEMA);
        Environment variables = Environment.of(directory, named ? Optional.of(parentOf(path)) : Optional.empty());
        if (path.toAbsolutePath().normalize().endsWith(Path.of(JAVA_SCHEMA))) {
            Path root = path.toAbsolutePath()
                    .normalize()
                    .getParent()
                    .getParent()
                    .getParent()
                    .getParent();
            Path migrations =
                    migrationsOption.orElse(relativeTo(directory, root.resolve(MigrationsFolder.PROJECT_DEFAULT)));
            return new Project(
                    schema,
                    found.get().by(),
                    Layout.JAVA,
                    migrations,
                    Optional.empty(),
                    config,
                    relativeTo(directory, root),
                    variables);
        }
        Path history = config.flatMap(c -> c.migrationsPath().map(c::resolve))
                .orElse((Files.isDirectory(path) ? path : parentOf(path)).resolve("migrations"));
        Path migrations = migrationsOption.orElse(history.resolveSibling(history.getFileName() + "-flyway"));
        Path root = config.map(c -> parentOf(c.file()))
                .orElseGet(() ->
                        found.get().given() ? prismaRoot(Files.isDirectory(path) ? path : parentOf(path)) : directory);
        return new Project(
                schema,
                found.get().by(),
                Layout.PRISMA,
                migrations,
                Optional.of(history).filter(Project::hasPrismaMigrations),
                config,
                root,
                variables);
    }

    /** A location the user gave: {@code classpath:NAME} as it is, a path against the folder. */
    private static String locate(Path directory, String location) {
        return location.startsWith("classpath:")
                ? location
                : directory.resolve(location).toString();
    }

    /**
     * The folder above {@code prisma/} when the schema is in it (or in {@code prisma/schema/}), as in a Prisma
     * project; else the schema's folder.
     */
    private static Path prismaRoot(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        for (Path candidate : Stream.of(absolute, absolute.getParent())
                .filter(p -> p != null && p.getParent() != null)
                .toList()) {
            if (candidate.getFileName().toString().equals("prisma")) {
                return folder.isAbsolute()
                        ? candidate.getParent()
                        : Path.of("").toAbsolutePath().relativize(candidate.getParent());
            }
        }
        return folder;
    }

    /**
     * A schema location, how it was found, and whether the user named it (rather than Quarry finding it in the
     * folder).
     */
    private record Found(String location, String by, boolean given) {
        Found(String location, String by) {
            this(location, by, by.equals("--schema") || by.equals("QUARRY_SCHEMA_PATH"));
        }
    }

    private static Optional<Found> packageJsonSchema(Path directory) {
        Path file = directory.resolve("package.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        JsonNode schema = json.path("prisma").path("schema");
        return schema.isTextual()
                ? Optional.of(new Found(
                        directory.resolve(schema.asText()).normalize().toString(), file + PACKAGE_JSON_SCHEMA))
                : Optional.empty();
    }

    private static boolean isSchemaFolder(Path path) {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.anyMatch(p -> p.toString().endsWith(".prisma"));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean hasPrismaMigrations(Path history) {
        if (!Files.isDirectory(history)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(history)) {
            return entries.anyMatch(Files::isDirectory);
        } catch (IOException e) {
            return false;
        }
    }

    private static Path parentOf(Path path) {
        return path.getParent() == null ? Path.of("") : path.getParent();
    }

    private static Path relativeTo(Path directory, Path target) {
        Path base = directory.toAbsolutePath().normalize();
        return directory.isAbsolute() ? target : base.relativize(target);
    }

    /** The migrations as Flyway reads them: Prisma's history first, when there is one. */
    MigrationsFolder migrationsFolder() {
        return new MigrationsFolder(migrations, prismaHistory.map(PrismaMigrationsFolder::new));
    }

    /**
     * The database the migrate and db commands work on: the config's directUrl or url, then the schema's, then
     * DATABASE_URL.
     */
    DatabaseUrl migrationUrl(Schema resolved) {
        return migrationUrl(resolved.datasource())
                .orElseThrow(() ->
                        new UserError("no database configured: set DATABASE_URL (in the environment or in .env)"));
    }

    /**
     * {@link #migrationUrl(Schema)} with or without a schema's datasource ({@code db pull} may have no schema yet).
     */
    Optional<DatabaseUrl> migrationUrl(Optional<Datasource> datasource) {
        return first(
                        true,
                        config.flatMap(PrismaConfig::directUrl),
                        config.flatMap(PrismaConfig::url),
                        datasource.flatMap(Datasource::directUrl),
                        datasource.flatMap(Datasource::url))
                .or(() -> Variables.get(environment, "DATABASE_URL"))
                .map(DatabaseUrl::parse);
    }

    /**
     * The database the service serves: the config's url, then the schema's, then DATABASE_URL; empty when none is
     * set (the embedded one).
     */
    Optional<DatabaseUrl> servingUrl(Schema resolved) {
        return first(
                        false,
                        config.flatMap(PrismaConfig::url),
                        resolved.datasource().flatMap(ds -> ds.url()))
                .or(() -> Variables.get(environment, "DATABASE_URL"))
                .map(DatabaseUrl::parse);
    }

    Optional<DatabaseUrl> shadowUrl(Schema resolved) {
        return first(
                        true,
                        config.flatMap(PrismaConfig::shadowDatabaseUrl),
                        resolved.datasource().flatMap(ds -> ds.shadowDatabaseUrl()))
                .or(() -> Variables.get(environment, "SHADOW_DATABASE_URL"))
                .map(DatabaseUrl::parse);
    }

    /**
     * The first value that is set; with {@code required}, a variable named but not set is an error rather than
     * skipped.
     */
    @SafeVarargs
    private Optional<String> first(boolean required, Optional<ConfigValue>... candidates) {
        for (Optional<ConfigValue> candidate : candidates) {
            Optional<String> value = candidate.flatMap(this::resolve);
            if (value.isPresent()) {
                return value;
            }
            if (required && candidate.orElse(null) instanceof ConfigValue.Env env) {
                throw new UserError("the datasource reads " + env.variable()
                        + ", which is not set (in the environment or in .env)");
            }
        }
        return Optional.empty();
    }

    private Optional<String> resolve(ConfigValue value) {
        if (value instanceof ConfigValue.Env env) {
            return Variables.get(environment, env.variable());
        }
        return value instanceof ConfigValue.Text text ? Optional.of(text.value()) : Optional.empty();
    }

    /** Says which schema, migrations and database the command uses (the password masked). */
    void describe(PrintWriter out, Optional<DatabaseUrl> database) {
        out.println("Schema: " + schema + " (" + foundBy + ")");
        if (layout != Layout.PACKAGED) {
            out.println("Migrations: " + migrations
                    + prismaHistory.map(h -> ", after Prisma's history in " + h).orElse(""));
        }
        database.ifPresent(url -> out.println("Database: " + url.redacted()));
        out.flush();
    }
}
