package dev.quarry.cli;

import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.runtime.SchemaSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code init}: a starter schema and a {@code .env} with {@code DATABASE_URL}, as {@code prisma init} writes them.
 */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = "Writes a starter src/main/resources/schema.prisma and a .env with DATABASE_URL; refuses to "
                + "overwrite them without --force.")
public final class InitCommand implements Callable<Integer> {

    static final String DEFAULT_URL = "postgresql://postgres@localhost:5432/quarry?schema=public";

    static final String STARTER_SCHEMA = """
            // This is your schema: the models become tables (`quarry migrate dev`) and the API (`quarry serve`).
            // The language is Prisma's: https://pris.ly/d/prisma-schema

            datasource db {
              provider = "postgresql"
              url      = env("DATABASE_URL")
            }

            model User {
              id        Int      @id @default(autoincrement())
              email     String   @unique
              name      String?
              createdAt DateTime @default(now())
            }
            """;

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", description = "The project folder (default: the current one).")
    Path dir = Path.of("");

    @Option(names = "--url", paramLabel = "URL", description = "The DATABASE_URL to write (default: ${DEFAULT-VALUE}).")
    String url = DEFAULT_URL;

    @Option(names = "--force", description = "Overwrite the schema and .env if they exist.")
    boolean force;

    @Override
    public Integer call() {
        DatabaseUrl database = DatabaseUrl.parse(url);
        Path schema = dir.resolve(SchemaSource.PROJECT_DEFAULT);
        Path env = dir.resolve(".env");
        List<Path> existing =
                List.of(schema, env).stream().filter(Files::exists).toList();
        if (!existing.isEmpty() && !force) {
            throw new UserError(existing.stream()
                            .map(Path::toString)
                            .reduce((a, b) -> a + " and " + b)
                            .orElseThrow() + " already exist(s); pass --force to overwrite");
        }
        try {
            Files.createDirectories(schema.getParent());
            Files.writeString(schema, STARTER_SCHEMA);
            Files.writeString(
                    env,
                    "# Read by quarry (and by Prisma): the database of the migrate and db commands and of "
                            + "the "
                            + "service.\n"
                            + "DATABASE_URL=\"" + database.toPrismaUrl() + "\"\n");
        } catch (IOException e) {
            throw new UserError("cannot write the starter files into " + dir.toAbsolutePath() + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Wrote " + schema + " and " + env + ".");
        out.println("Next: start PostgreSQL at " + database.redacted()
                + " (or remove DATABASE_URL to use the embedded one), "
                + "edit the schema, then run `quarry migrate dev --name init`.");
        return 0;
    }
}
