package dev.quarry.cli;

import dev.quarry.database.DatabaseShape;
import dev.quarry.database.ShapeCalculator;
import dev.quarry.migrate.MigrateException;
import dev.quarry.migrate.Migrations;
import dev.quarry.migrate.MigrationsFolder;
import dev.quarry.migrate.Migrator;
import dev.quarry.migrate.Prompt;
import dev.quarry.migrate.diff.Renames;
import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.runtime.Environment;
import dev.quarry.runtime.SchemaSource;
import dev.quarry.schema.model.ConfigValue;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.Schema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code migrate dev|deploy|status|reset|diff}: Prisma Migrate's commands over Flyway migration files. */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = "Migrations: write them from the schema (dev), apply them (deploy), check them (status).",
        subcommands = {MigrateCommand.Dev.class, MigrateCommand.Deploy.class, MigrateCommand.Status.class, MigrateCommand.Reset.class, MigrateCommand.Diff.class})
public final class MigrateCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("error: name a sub-command: dev, deploy, status, reset or diff (see migrate --help)");
        return 2;
    }

    /** Options every migrate and db command shares, and what they resolve to. */
    static class Common {
        @Option(names = "--schema", paramLabel = "PATH", description = "The schema file or folder (default: ${DEFAULT-VALUE}).")
        String schema = SchemaSource.defaultLocation();

        @Option(names = "--migrations", paramLabel = "DIR", description = "The migrations folder (default: ${DEFAULT-VALUE}).")
        Path migrations = MigrationsFolder.PROJECT_DEFAULT;

        /** The valid schema; a schema error stops the command here, before any database is touched. */
        Schema schema() {
            return SchemaCheck.requireValid(schema, System.err).schema().orElseThrow();
        }

        /** The database the command works on: the datasource's directUrl if set, else its url, else DATABASE_URL. */
        static DatabaseUrl databaseUrl(Schema schema) {
            Optional<ConfigValue> configured = schema.datasource().flatMap(ds -> ds.directUrl().or(ds::url));
            String text = configured.flatMap(MigrateCommand.Common::resolve)
                    .or(() -> Environment.current().get("DATABASE_URL"))
                    .orElseThrow(() -> new UserError("no database configured: set DATABASE_URL (in the environment or in .env)"));
            return DatabaseUrl.parse(text);
        }

        static Optional<DatabaseUrl> shadowUrl(Schema schema) {
            return schema.datasource().flatMap(ds -> ds.shadowDatabaseUrl()).flatMap(MigrateCommand.Common::resolve)
                    .or(() -> Environment.current().get("SHADOW_DATABASE_URL"))
                    .map(DatabaseUrl::parse);
        }

        private static Optional<String> resolve(ConfigValue value) {
            if (value instanceof ConfigValue.Env env) {
                Optional<String> found = Environment.current().get(env.variable());
                if (found.isEmpty()) {
                    throw new UserError("the schema's datasource reads " + env.variable() + ", which is not set (in the environment or in .env)");
                }
                return found;
            }
            return value instanceof ConfigValue.Text text ? Optional.of(text.value()) : Optional.empty();
        }

        Migrator migrator(Schema schema) {
            return new Migrator(databaseUrl(schema), new MigrationsFolder(migrations), shadowUrl(schema), System.out, terminal());
        }
    }

    /** Questions answered at the terminal; nobody to ask when there is no console. */
    static Prompt terminal() {
        return question -> {
            if (System.console() == null) {
                return Optional.empty();
            }
            System.out.print(question + " [y/N] ");
            System.out.flush();
            try {
                String line = new BufferedReader(new InputStreamReader(System.in)).readLine();
                return Optional.of(line != null && (line.trim().equalsIgnoreCase("y") || line.trim().equalsIgnoreCase("yes")));
            } catch (IOException e) {
                return Optional.empty();
            }
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

    /** {@code --rename User.fullName=name} (a field) or {@code --rename Person=User} (a model), into database names. */
    static Renames renames(Schema schema, List<String> specs) {
        Renames renames = Renames.none();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw new UserError("--rename " + spec + " is not Model.old=new or OldModel=NewModel");
            }
            String left = spec.substring(0, eq);
            String right = spec.substring(eq + 1);
            int dot = left.indexOf('.');
            if (dot < 0) {
                Model model = schema.findModel(right).orElseThrow(() -> new UserError("--rename " + spec + ": the schema has no model " + right));
                renames = renames.withTable(left, model.dbName());
            } else {
                String modelName = left.substring(0, dot);
                Model model = schema.findModel(modelName).orElseThrow(() -> new UserError("--rename " + spec + ": the schema has no model " + modelName));
                String column = model.findScalarField(right).map(f -> f.dbName())
                        .orElseThrow(() -> new UserError("--rename " + spec + ": the model " + modelName + " has no field " + right));
                renames = renames.withColumn(model.dbName(), left.substring(dot + 1), column);
            }
        }
        return renames;
    }

    @Command(name = "dev", mixinStandardHelpOptions = true,
            description = "Diffs the schema against the migrations (replayed in a shadow database), writes V<timestamp>__<name>.sql and applies it.")
    static final class Dev extends Common implements Callable<Integer> {
        @Option(names = "--name", description = "The migration's name (default: ${DEFAULT-VALUE}).")
        String name = "migration";

        @Option(names = "--create-only", description = "Write the migration without applying it.")
        boolean createOnly;

        @Option(names = "--rename", paramLabel = "Model.old=new", description = "Answer a likely rename without a prompt (repeatable).")
        List<String> renames = List.of();

        @Option(names = "--no-rename", description = "Treat every likely rename as a drop and a create.")
        boolean noRename;

        @Option(names = "--accept-data-loss", description = "Go on when the migration may lose data, without a prompt.")
        boolean acceptDataLoss;

        @Override
        public Integer call() {
            Schema schema = schema();
            return run(() -> {
                migrator(schema).dev(schema, new Migrator.DevOptions(name, createOnly, MigrateCommand.renames(schema, renames), acceptDataLoss, noRename));
                return 0;
            });
        }
    }

    @Command(name = "deploy", mixinStandardHelpOptions = true,
            description = "Applies pending migrations with Flyway; running it twice changes nothing.")
    static final class Deploy extends Common implements Callable<Integer> {
        @Override
        public Integer call() {
            Schema schema = schema();
            return run(() -> {
                migrator(schema).deploy();
                return 0;
            });
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Lists applied, pending, failed and edited migrations, and drift; exits non-zero unless all is applied and in sync.")
    static final class Status extends Common implements Callable<Integer> {
        @Override
        public Integer call() {
            Schema schema = schema();
            return run(() -> {
                Migrator.Status status = migrator(schema).status();
                print("Applied", status.applied());
                print("Pending", status.pending());
                print("Failed", status.failed());
                print("Edited after being applied", status.edited());
                print("Drift (the database differs from the migrations)", status.drift());
                System.out.println(status.clean() ? "The database is up to date with the migrations." : "The database is not up to date (see above).");
                return status.clean() ? 0 : 1;
            });
        }

        private static void print(String title, List<String> lines) {
            if (!lines.isEmpty()) {
                System.out.println(title + " (" + lines.size() + "):");
                lines.forEach(l -> System.out.println("  " + l));
            }
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Drops everything in the database's schema, re-applies every migration and runs the seed.")
    static final class Reset extends Common implements Callable<Integer> {
        @Option(names = "--force", description = "Do not ask for confirmation.")
        boolean force;

        @Option(names = "--seed", paramLabel = "FILE", description = "The seed to run afterwards, if it exists (default: ${DEFAULT-VALUE}).")
        Path seed = DbCommand.DEFAULT_SEED;

        @Override
        public Integer call() {
            Schema schema = schema();
            DatabaseUrl url = databaseUrl(schema);
            if (!force) {
                Optional<Boolean> answer = terminal().confirm("Drop every table and all data in " + url.redacted() + "?");
                if (answer.isEmpty()) {
                    throw new UserError("migrate reset drops all data: confirm at a terminal or pass --force");
                }
                if (!answer.get()) {
                    System.out.println("Nothing was changed.");
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

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "The SQL between two of: empty, a schema file (.prisma), the migrations folder, a database URL (postgresql://…).")
    static final class Diff implements Callable<Integer> {
        @Option(names = "--from", required = true, paramLabel = "SOURCE", description = "empty | PATH.prisma | migrations folder | postgresql://…")
        String from;

        @Option(names = "--to", required = true, paramLabel = "SOURCE", description = "empty | PATH.prisma | migrations folder | postgresql://…")
        String to;

        @Option(names = "--script", description = "Print the SQL script (the default prints a summary of the steps).")
        boolean script;

        @Option(names = "--shadow-database-url", paramLabel = "URL", description = "Where to replay a migrations folder (default: a temporary database on the --from/--to server or DATABASE_URL).")
        String shadow;

        @Override
        public Integer call() {
            return run(() -> {
                String schemaName = Migrations.DEFAULT_SCHEMA;
                DatabaseShape previous = shape(from);
                DatabaseShape next = shape(to);
                var diff = dev.quarry.migrate.diff.ShapeDiffer.diff(previous, next);
                if (script) {
                    System.out.print(Migrations.script(previous, next, Renames.none(), schemaName));
                } else if (diff.isEmpty()) {
                    System.out.println("No difference.");
                } else {
                    diff.steps().forEach(s -> System.out.println("[" + s.description() + "] " + String.join("; ", new dev.quarry.migrate.render.PostgresRenderer(schemaName).render(s))));
                }
                return 0;
            });
        }

        private DatabaseShape shape(String source) {
            if (source.equals("empty")) {
                return DatabaseShape.empty();
            }
            if (source.startsWith("postgresql://") || source.startsWith("postgres://")) {
                return Migrator.describe(DatabaseUrl.parse(source));
            }
            Path path = Path.of(source);
            if (source.endsWith(".prisma") || (Files.isDirectory(path) && new MigrationsFolder(path).migrations().isEmpty())) {
                Schema schema = SchemaCheck.requireValid(source, System.err).schema().orElseThrow();
                return ShapeCalculator.calculate(schema, Migrations.DEFAULT_SCHEMA);
            }
            if (Files.isDirectory(path)) {
                DatabaseUrl server = Optional.ofNullable(shadow).map(DatabaseUrl::parse)
                        .or(() -> Environment.current().get("DATABASE_URL").map(DatabaseUrl::parse))
                        .orElseThrow(() -> new UserError("replaying " + source + " needs a database server: set DATABASE_URL or --shadow-database-url"));
                return new Migrator(server, new MigrationsFolder(path), Optional.ofNullable(shadow).map(DatabaseUrl::parse), System.err, Prompt.nobody()).replay();
            }
            throw new UserError(source + " is neither empty, a .prisma file, a migrations folder nor a postgresql:// URL");
        }
    }
}
