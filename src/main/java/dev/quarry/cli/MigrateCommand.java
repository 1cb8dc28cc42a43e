package dev.quarry.cli;

import dev.quarry.database.DatabaseShape;
import dev.quarry.database.ShapeCalculator;
import dev.quarry.generate.JavaEntityGenerator;
import dev.quarry.migrate.MigrateException;
import dev.quarry.migrate.Migrations;
import dev.quarry.migrate.MigrationsFolder;
import dev.quarry.migrate.Migrator;
import dev.quarry.migrate.Prompt;
import dev.quarry.migrate.diff.DiffResult;
import dev.quarry.migrate.diff.Renames;
import dev.quarry.migrate.diff.ShapeDiffer;
import dev.quarry.migrate.render.PostgresRenderer;
import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.Schema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code migrate dev|deploy|status|reset|diff|import-prisma}: Prisma Migrate's commands over Flyway migration
 * files.
 */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = "Migrations: write them from the schema (dev), apply them (deploy), check them (status).",
        subcommands = {
            MigrateCommand.Dev.class,
            MigrateCommand.Deploy.class,
            MigrateCommand.Status.class,
            MigrateCommand.Reset.class,
            MigrateCommand.Diff.class,
            ImportPrismaCommand.class
        })
public final class MigrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine()
                .getErr()
                .println("error: name a sub-command: dev, deploy, status, reset, diff or import-prisma (see "
                        + "migrate --help)");
        return 2;
    }

    /** Options every migrate and db command shares, and what they resolve to. */
    static class Common {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--schema",
                paramLabel = "PATH",
                description = "The schema file or folder (default: as Prisma finds it: "
                        + "prisma.config.ts, package.json#prisma.schema, prisma/schema.prisma, prisma/schema/, else "
                        + "src/main/resources/schema.prisma).")
        String schema;

        @Option(
                names = "--migrations",
                paramLabel = "DIR",
                description = "Quarry's migrations folder (default: src/main/resources/db/migration in a "
                        + "Java project, prisma/migrations-flyway beside Prisma's prisma/migrations in a Prisma "
                        + "project; for deploy and status outside a project, the migrations packaged with Quarry).")
        Path migrations;

        private Project project;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        Project project() {
            if (project == null) {
                project = Project.discover(Optional.ofNullable(schema), Optional.ofNullable(migrations));
            }
            return project;
        }

        /** The valid schema; a schema error stops the command here, before any database is touched. */
        Schema schema() {
            return validSchema(project().schema(), err());
        }

        /**
         * The database the command works on, said with the schema and migrations it uses (on {@link
         * #announcements()}).
         */
        DatabaseUrl databaseUrl(Schema schema) {
            DatabaseUrl url = project().migrationUrl(schema);
            project().describe(announcements(), Optional.of(url));
            return url;
        }

        /** Where the command says what it uses: its output, unless its output is data. */
        PrintWriter announcements() {
            return out();
        }

        Migrator migrator(Schema schema) {
            return new Migrator(
                    databaseUrl(schema),
                    project().migrationsFolder(),
                    project().shadowUrl(schema),
                    out(),
                    terminal(out()));
        }

        /**
         * {@code deploy} and {@code status} read migrations, never write them: a folder given with {@code
         * --migrations} must exist; without one, the project's folder when run from a project, else the migrations
         * packaged with Quarry (what the image runs, and what the service reads). No migrations at all is an error,
         * never "up to date".
         */
        Migrator deployingMigrator(Schema schema) {
            DatabaseUrl database = databaseUrl(schema);
            MigrationsFolder folder = deployedFolder();
            if (folder.migrations().isEmpty()) {
                throw new UserError("no migrations in " + folder.describe()
                        + ": nothing to deploy or check (write them with `migrate dev`)");
            }
            if (folder.isPackaged()) {
                out().println("Using " + folder.describe() + ": "
                        + folder.migrations().size() + " migration(s).");
            }
            return new Migrator(database, folder, project().shadowUrl(schema), out(), terminal(out()));
        }

        private MigrationsFolder deployedFolder() {
            MigrationsFolder folder = project().migrationsFolder();
            if (migrations != null
                    && !Files.isDirectory(migrations)
                    && folder.prismaHistory().isEmpty()) {
                throw new UserError("the migrations folder " + migrations + " does not exist");
            }
            if (project().layout() == Project.Layout.PRISMA || Files.isDirectory(folder.directory())) {
                return folder;
            }
            return run(MigrationsFolder::packaged)
                    .orElseThrow(() -> new UserError("no migrations: there is no " + folder.directory()
                            + " here and none are packaged with Quarry; pass --migrations DIR"));
        }
    }

    /** The schema at {@code location}, its diagnostics printed to {@code err}; errors stop the command. */
    static Schema validSchema(String location, PrintWriter err) {
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        try {
            return SchemaCheck.requireValid(location, new PrintStream(diagnostics, true, StandardCharsets.UTF_8))
                    .schema()
                    .orElseThrow();
        } finally {
            err.print(diagnostics.toString(StandardCharsets.UTF_8));
            err.flush();
        }
    }

    /** Questions answered at the terminal; nobody to ask when there is no console (CI, a pipe). */
    static Prompt terminal(PrintWriter out) {
        return question -> {
            if (System.console() == null) {
                return Optional.empty();
            }
            out.print(question + " [y/N] ");
            out.flush();
            String line = System.console().readLine();
            return Optional.of(line != null
                    && (line.trim().equalsIgnoreCase("y") || line.trim().equalsIgnoreCase("yes")));
        };
    }

    /** Runs a command body, turning the migration stage's failures into one-sentence user errors. */
    static <T> T run(Supplier<T> body) {
        try {
            return body.get();
        } catch (MigrateException e) {
            throw new UserError(e.getMessage());
        }
    }

    /**
     * {@code --rename User.fullName=name} (a field) or {@code --rename Person=User} (a model), into database names.
     */
    static Renames renames(Schema schema, List<String> specs) {
        Renames renames = Renames.none();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw new UserError("--rename " + spec + " is not Model.previousColumn=field or previousTable=Model");
            }
            String left = spec.substring(0, eq);
            String right = spec.substring(eq + 1);
            int dot = left.indexOf('.');
            if (dot < 0) {
                Model model = schema.findModel(right)
                        .orElseThrow(() -> new UserError("--rename " + spec + ": the schema has no model " + right));
                renames = renames.withTable(left, model.dbName());
            } else {
                String modelName = left.substring(0, dot);
                Model model = schema.findModel(modelName)
                        .orElseThrow(
                                () -> new UserError("--rename " + spec + ": the schema has no model " + modelName));
                String column = model.findScalarField(right)
                        .map(f -> f.dbName())
                        .orElseThrow(() -> new UserError(
                                "--rename " + spec + ": the model " + modelName + " has no field " + right));
                renames = renames.withColumn(model.dbName(), left.substring(dot + 1), column);
            }
        }
        return renames;
    }

    @Command(
            name = "dev",
            mixinStandardHelpOptions = true,
            description = "Diffs the schema against the migrations (replayed in a shadow database), writes "
                    + "V<timestamp>__<name>.sql and applies it.")
    static final class Dev extends Common implements Callable<Integer> {
        @Option(names = "--name", description = "The migration's name (default: ${DEFAULT-VALUE}).")
        String name = "migration";

        @Option(names = "--create-only", description = "Write the migration without applying it.")
        boolean createOnly;

        @Option(
                names = "--rename",
                paramLabel = "Model.old=new",
                description = "Answer a likely rename without a prompt (repeatable).")
        List<String> renames = List.of();

        @Option(names = "--no-rename", description = "Treat every likely rename as a drop and a create.")
        boolean noRename;

        @Option(names = "--accept-data-loss", description = "Go on when the migration may lose data, without a prompt.")
        boolean acceptDataLoss;

        @Option(
                names = "--skip-generate",
                description = "Do not regenerate the OpenAPI document and the Java entities afterwards.")
        boolean skipGenerate;

        @Override
        public Integer call() {
            Schema schema = schema();
            Integer exit = run(() -> {
                migrator(schema)
                        .dev(
                                schema,
                                new Migrator.DevOptions(
                                        name,
                                        createOnly,
                                        MigrateCommand.renames(schema, renames),
                                        acceptDataLoss,
                                        noRename));
                return 0;
            });
            if (exit == 0 && !skipGenerate) {
                regenerate(schema);
            }
            return exit;
        }

        /**
         * As Prisma's {@code migrate dev} runs the generators: what {@code generate} writes, where it writes it.
         */
        private void regenerate(Schema schema) {
            try {
                out().println(GenerateCommand.writeAll(
                        schema,
                        project().root().resolve(GenerateCommand.OPENAPI_FOLDER),
                        GenerateCommand.javaSourceRoot(project()),
                        JavaEntityGenerator.DEFAULT_PACKAGE));
            } catch (IOException e) {
                throw new UserError("the migration is applied, but regenerating failed: " + e.getMessage()
                        + "; run `quarry generate`");
            }
        }
    }

    @Command(
            name = "deploy",
            mixinStandardHelpOptions = true,
            description = "Applies pending migrations with Flyway; running it twice changes nothing. Without "
                    + "--migrations and "
                    + "outside a project, the migrations packaged with Quarry.")
    static final class Deploy extends Common implements Callable<Integer> {
        @Override
        public Integer call() {
            Schema schema = schema();
            return run(() -> {
                deployingMigrator(schema).deploy();
                return 0;
            });
        }
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "Lists applied, pending, failed and edited migrations, and drift; exits non-zero "
                    + "unless all is "
                    + "applied and in sync.")
    static final class Status extends Common implements Callable<Integer> {
        @Override
        public Integer call() {
            Schema schema = schema();
            return run(() -> {
                Migrator.Status status = deployingMigrator(schema).status();
                print("Applied", status.applied());
                print("Pending", status.pending());
                print("Failed", status.failed());
                print("Edited after being applied", status.edited());
                print("Drift (the database differs from the migrations)", status.drift());
                out().println(
                                status.clean()
                                        ? "The database is up to date with the migrations."
                                        : "The database is not up to date (see above).");
                return status.clean() ? 0 : 1;
            });
        }

        private void print(String title, List<String> lines) {
            if (!lines.isEmpty()) {
                out().println(title + " (" + lines.size() + "):");
                lines.forEach(l -> out().println("  " + l));
            }
        }
    }

    @Command(
            name = "reset",
            mixinStandardHelpOptions = true,
            description = "Drops everything in the database's schema, re-applies every migration and runs the seed.")
    static final class Reset extends Common implements Callable<Integer> {
        @Option(names = "--force", description = "Do not ask for confirmation.")
        boolean force;

        @Option(
                names = "--seed",
                paramLabel = "FILE",
                description = "The seed to run afterwards, if it exists (default: ${DEFAULT-VALUE}).")
        Path seed = DbCommand.DEFAULT_SEED;

        @Override
        public Integer call() {
            Schema schema = schema();
            DatabaseUrl url = databaseUrl(schema);
            if (!force) {
                Optional<Boolean> answer =
                        terminal(out()).confirm("Drop every table and all data in " + url.redacted() + "?");
                if (answer.isEmpty()) {
                    throw new UserError("migrate reset drops all data: confirm at a terminal or pass --force");
                }
                if (!answer.get()) {
                    out().println("Nothing was changed.");
                    return 1;
                }
            }
            return run(() -> {
                Migrator migrator = migrator(schema);
                migrator.reset();
                if (Files.isRegularFile(seed)) {
                    migrator.seed(seed);
                }
                return 0;
            });
        }
    }

    @Command(
            name = "diff",
            mixinStandardHelpOptions = true,
            description = "The SQL between two of: empty, a schema file or folder (.prisma), the migrations folder, a "
                    + "database URL (postgresql://…).")
    static final class Diff implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--from",
                required = true,
                paramLabel = "SOURCE",
                description = "empty | PATH.prisma | migrations folder | postgresql://…")
        String from;

        @Option(
                names = "--to",
                required = true,
                paramLabel = "SOURCE",
                description = "empty | PATH.prisma | migrations folder | postgresql://…")
        String to;

        @Option(names = "--script", description = "Print the SQL script (the default prints a summary of the steps).")
        boolean script;

        @Option(
                names = "--exit-code",
                description = "Exit 2 when there is a difference, 0 when there is none (as Prisma's --exit-code).")
        boolean exitCode;

        @Option(
                names = "--shadow-database-url",
                paramLabel = "URL",
                description = "Where to replay a migrations folder (default: a temporary database on "
                        + "DATABASE_URL's server).")
        String shadow;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            DiffSource previousSource = DiffSource.of(from, spec.commandLine().getErr());
            DiffSource nextSource = DiffSource.of(to, spec.commandLine().getErr());
            return run(() -> {
                String schemaName = Migrations.DEFAULT_SCHEMA;
                DatabaseShape previous = previousSource.shape(this::replayServer, shadowUrl());
                DatabaseShape next = nextSource.shape(this::replayServer, shadowUrl());
                DiffResult diff = ShapeDiffer.diff(previous, next);
                if (script) {
                    out.print(Migrations.script(previous, next, Renames.none(), schemaName));
                } else if (diff.isEmpty()) {
                    out.println("No difference.");
                } else {
                    PostgresRenderer renderer = new PostgresRenderer(schemaName);
                    diff.steps()
                            .forEach(s ->
                                    out.println("[" + s.description() + "] " + String.join("; ", renderer.render(s))));
                }
                out.flush();
                return exitCode && !diff.isEmpty() ? 2 : 0;
            });
        }

        private Optional<DatabaseUrl> shadowUrl() {
            return Optional.ofNullable(shadow).map(DatabaseUrl::parse);
        }

        private DatabaseUrl replayServer(String source) {
            return shadowUrl()
                    .or(() -> Variables.get("DATABASE_URL").map(DatabaseUrl::parse))
                    .orElseThrow(() -> new UserError("replaying " + source
                            + " needs a database server: set DATABASE_URL or --shadow-database-url"));
        }
    }

    /**
     * One side of {@code migrate diff}. Sources are read (schemas validated) before any database is
     * touched, so a schema error stops the command first.
     */
    sealed interface DiffSource {

        DatabaseShape shape(Function<String, DatabaseUrl> replayServer, Optional<DatabaseUrl> shadow);

        /** {@code empty}. */
        record Empty() implements DiffSource {
            @Override
            public DatabaseShape shape(Function<String, DatabaseUrl> replayServer, Optional<DatabaseUrl> shadow) {
                return DatabaseShape.empty();
            }
        }

        /** A {@code .prisma} file, or a folder of them. */
        record SchemaFile(Schema schema) implements DiffSource {
            @Override
            public DatabaseShape shape(Function<String, DatabaseUrl> replayServer, Optional<DatabaseUrl> shadow) {
                return ShapeCalculator.calculate(schema, Migrations.DEFAULT_SCHEMA);
            }
        }

        /** A folder of {@code V*.sql} files, replayed into a scratch database. */
        record MigrationsDirectory(Path directory) implements DiffSource {
            @Override
            public DatabaseShape shape(Function<String, DatabaseUrl> replayServer, Optional<DatabaseUrl> shadow) {
                MigrationsFolder folder = new MigrationsFolder(directory);
                if (folder.migrations().isEmpty()) {
                    return DatabaseShape.empty();
                }
                DatabaseUrl server = replayServer.apply(directory.toString());
                return new Migrator(server, folder, shadow, new PrintWriter(Writer.nullWriter()), Prompt.nobody())
                        .replay();
            }
        }

        /** {@code postgresql://…}: the live database's schema. */
        record Database(DatabaseUrl url) implements DiffSource {
            @Override
            public DatabaseShape shape(Function<String, DatabaseUrl> replayServer, Optional<DatabaseUrl> shadow) {
                return Migrator.describe(url);
            }
        }

        static DiffSource of(String source, PrintWriter err) {
            if (source.equals("empty")) {
                return new Empty();
            }
            if (source.startsWith("postgresql://") || source.startsWith("postgres://")) {
                return new Database(DatabaseUrl.parse(source));
            }
            Path path = Path.of(source);
            if (source.endsWith(".prisma") || containsPrismaFiles(path)) {
                return new SchemaFile(validSchema(source, err));
            }
            if (Files.isDirectory(path)) {
                return new MigrationsDirectory(path);
            }
            throw new UserError(
                    source + " is neither empty, a .prisma file, a folder of .prisma files or migrations, nor a "
                            + "postgresql:// URL");
        }

        private static boolean containsPrismaFiles(Path path) {
            if (!Files.isDirectory(path)) {
                return false;
            }
            try (Stream<Path> files = Files.list(path)) {
                return files.anyMatch(p -> p.toString().endsWith(".prisma"));
            } catch (IOException e) {
                throw new UserError("cannot list " + path + ": " + e.getMessage());
            }
        }
    }
}
