package dev.quarry.cli;

import dev.quarry.database.DatabaseShape;
import dev.quarry.migrate.Migrator;
import dev.quarry.migrate.pull.SchemaFolderWriter;
import dev.quarry.migrate.pull.SchemaWriter;
import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.runtime.SchemaSource;
import dev.quarry.schema.PrismaSchema;
import dev.quarry.schema.diagnostics.SourceFile;
import dev.quarry.schema.model.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code db push|pull|seed|export|import}: the database without migration files. */
@Command(
        name = "db",
        mixinStandardHelpOptions = true,
        description = "The database without migrations: push the schema, pull a schema from a database, run the seed, "
                + "export or import a model's records.",
        subcommands = {
            DbCommand.Push.class,
            DbCommand.Pull.class,
            DbCommand.Seed.class,
            ExportCommand.class,
            ImportCommand.class
        })
public final class DbCommand implements Callable<Integer> {

    static final Path DEFAULT_SEED = Path.of("src/main/resources/db/seed.sql");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine()
                .getErr()
                .println("error: name a sub-command: push, pull, seed, export or import (see db --help)");
        return 2;
    }

    @Command(
            name = "push",
            mixinStandardHelpOptions = true,
            description = "Makes the database match the schema, with no migration file.")
    static final class Push extends MigrateCommand.Common implements Callable<Integer> {
        @Option(names = "--accept-data-loss", description = "Go on when the change may lose data.")
        boolean acceptDataLoss;

        @Option(
                names = "--rename",
                paramLabel = "Model.old=new",
                description = "Answer a likely rename without a prompt (repeatable).")
        List<String> renames = List.of();

        @Option(names = "--no-rename", description = "Treat every likely rename as a drop and a create.")
        boolean noRename;

        @Override
        public Integer call() {
            Schema schema = schema();
            return MigrateCommand.run(() -> {
                migrator(schema).push(schema, MigrateCommand.renames(schema, renames), acceptDataLoss, noRename);
                return 0;
            });
        }
    }

    @Command(
            name = "pull",
            mixinStandardHelpOptions = true,
            description = "Introspects the database and writes schema.prisma: models, relations, enums, @map, @db.*, "
                    + "indexes, defaults; "
                    + "the generator and datasource blocks of the schema it replaces are kept.")
    static final class Pull implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--schema",
                paramLabel = "PATH",
                description = "The schema file or folder to write (default: the project's schema, "
                        + "found as Prisma finds it, else src/main/resources/schema.prisma). In a folder each model "
                        + "and enum stays in its file "
                        + "and new ones go to " + SchemaFolderWriter.NEW_BLOCKS_FILE + ".")
        Path schemaOption;

        private static final String FRESH_DATASOURCE = "datasource db {\n  provider = \"postgresql\"\n}\n";
        private static final Pattern KEPT_BLOCK = Pattern.compile("(?ms)^(generator|datasource)\\s+\\w+\\s*\\{.*?^}");

        @Option(
                names = "--url",
                paramLabel = "URL",
                description = "The database (default: prisma.config.ts's directUrl or url, else DATABASE_URL).")
        String url;

        @Override
        public Integer call() {
            Project project = Project.discover(Optional.empty(), Optional.empty());
            DatabaseUrl database = url != null
                    ? DatabaseUrl.parse(url)
                    : project.migrationUrl(Optional.empty())
                            .orElseThrow(() -> new UserError("no database configured: set DATABASE_URL or pass --url"));
            Path schema = target(project);
            return MigrateCommand.run(() -> {
                DatabaseShape shape = Migrator.describe(database);
                String summary = shape.tables().size() + " table(s), "
                        + shape.enums().size() + " enum(s) from " + database.redacted() + ".";
                if (Files.isDirectory(schema)) {
                    Map<String, String> files = SchemaFolderWriter.write(
                            schema,
                            sourceFiles(schema),
                            SchemaWriter.write(shape, FRESH_DATASOURCE, database.schema()));
                    files.forEach((file, text) -> writeFile(Path.of(file), text));
                    List<String> names = files.keySet().stream()
                            .map(f -> schema.relativize(Path.of(f)).toString())
                            .toList();
                    spec.commandLine()
                            .getOut()
                            .println("Wrote " + schema + " (" + String.join(", ", names) + "): " + summary);
                    return 0;
                }
                writeFile(schema, SchemaWriter.write(shape, keptBlocks(schema), database.schema()));
                spec.commandLine().getOut().println("Wrote " + schema + ": " + summary);
                return 0;
            });
        }

        private static List<SourceFile> sourceFiles(Path folder) {
            try {
                return PrismaSchema.files(folder);
            } catch (IOException e) {
                throw new UserError("cannot read " + folder + ": " + e.getMessage());
            }
        }

        private static void writeFile(Path file, String text) {
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                Files.writeString(file, text);
            } catch (IOException e) {
                throw new UserError("cannot write " + file + ": " + e.getMessage());
            }
        }

        /** The generator and datasource blocks of the schema it replaces, kept as Prisma's db pull keeps them. */
        private static String keptBlocks(Path schema) {
            if (!Files.isRegularFile(schema)) {
                return FRESH_DATASOURCE;
            }
            try {
                Matcher blocks = KEPT_BLOCK.matcher(Files.readString(schema));
                StringBuilder kept = new StringBuilder();
                while (blocks.find()) {
                    kept.append(kept.isEmpty() ? "" : "\n")
                            .append(blocks.group())
                            .append('\n');
                }
                return kept.toString().contains("datasource ") ? kept.toString() : FRESH_DATASOURCE + "\n" + kept;
            } catch (IOException e) {
                throw new UserError("cannot read " + schema + ": " + e.getMessage());
            }
        }

        private Path target(Project project) {
            if (schemaOption != null) {
                return schemaOption;
            }
            if (project.layout() == Project.Layout.PACKAGED) {
                return Path.of(SchemaSource.PROJECT_DEFAULT);
            }
            return Path.of(project.schema());
        }
    }

    @Command(
            name = "seed",
            mixinStandardHelpOptions = true,
            description = "Runs the seed in one transaction: an SQL file, or a model's records as NDJSON (.ndjson, "
                    + ".jsonl) or CSV (.csv), imported as db import does.")
    static final class Seed extends MigrateCommand.Common implements Callable<Integer> {
        @Option(names = "--file", paramLabel = "FILE", description = "The seed (default: ${DEFAULT-VALUE}).")
        Path file = DEFAULT_SEED;

        @Option(
                names = "--model",
                paramLabel = "MODEL",
                description = "For an NDJSON or CSV seed: the model (default: from the file's name, users.csv: User).")
        String model;

        @Override
        public Integer call() {
            Schema schema = schema();
            if (ImportCommand.formatOf(file).isPresent()) {
                long count = ImportCommand.importFile(
                        schema, databaseUrl(schema), file, Optional.ofNullable(model), Optional.empty(), false, err());
                out().println("Ran the seed " + file + ": " + count + " records.");
                return 0;
            }
            return MigrateCommand.run(() -> {
                migrator(schema).seed(file);
                return 0;
            });
        }
    }
}
