package dev.quarry.cli;

import dev.quarry.migrate.MigrationsFolder;
import dev.quarry.migrate.PrismaMigrationsFolder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code migrate import-prisma --from prisma/migrations}: a Prisma Migrate history as Flyway
 * migrations. The files are the same SQL; the databases Prisma migrated are baselined by the next
 * {@code migrate deploy} (or {@code migrate dev}), which reads {@code _prisma_migrations}.
 */
@Command(
        name = "import-prisma",
        mixinStandardHelpOptions = true,
        description = {
            "Copies a Prisma Migrate history (<folder>/<yyyyMMddHHmmss>_<name>/migration.sql) into the "
                    + "migrations folder as V<yyyyMMddHHmmss>__<name>.sql.",
            "On a database Prisma already migrated, the next `migrate deploy` records the migrations "
                    + "listed in _prisma_migrations as Flyway's baseline instead of applying them again."
        })
final class ImportPrismaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--from",
            required = true,
            paramLabel = "DIR",
            description = "Prisma's migrations folder, usually prisma/migrations.")
    Path from;

    @Option(
            names = "--migrations",
            paramLabel = "DIR",
            description = "The Flyway migrations folder to write into (default: ${DEFAULT-VALUE}).")
    Path migrations = MigrationsFolder.PROJECT_DEFAULT;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return MigrateCommand.run(() -> {
            PrismaMigrationsFolder.ImportResult result =
                    new PrismaMigrationsFolder(from).importInto(new MigrationsFolder(migrations));
            result.written().forEach(p -> out.println("Wrote " + p));
            if (!result.unchanged().isEmpty()) {
                out.println(result.unchanged().size() + " migration(s) were already imported with the same SQL.");
            }
            out.println("Imported " + result.written().size() + " Prisma migration(s) into " + migrations + ". "
                    + "On databases Prisma already migrated, `migrate deploy` records them as applied instead of "
                    + "running them again.");
            return 0;
        });
    }
}
