package dev.quarry.cli;

import dev.quarry.api.openapi.OpenApiDocument;
import dev.quarry.generate.JavaEntityGenerator;
import dev.quarry.generate.typescript.TypeScriptClientGenerator;
import dev.quarry.schema.model.Schema;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Everything derived from the schema that is committed with the project, as {@code prisma generate} writes its
 * clients.
 */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Writes what is derived from the schema and committed with the project:",
            "  the OpenAPI document (openapi.yaml and openapi.json), the same one the service serves at "
                    + "/q/openapi;",
            "  the TypeScript client (clients/typescript/ beside it): Prisma Client's API over the RPC " + "surface;",
            "  the typed Java layer: a Hibernate Reactive entity per model and a Java enum per enum.",
            "Generated files are never edited by hand: run this again after changing the schema."
        })
public final class GenerateCommand implements Callable<Integer> {

    static final Path OPENAPI_FOLDER = Path.of("openapi");

    @Option(
            names = "--schema",
            paramLabel = "PATH",
            description = "The schema file or folder (default: as Prisma finds it, see migrate --help).")
    String schema;

    @Option(
            names = "--output",
            paramLabel = "DIR",
            description = "The folder of the OpenAPI document and the TypeScript client (default: openapi/ in "
                    + "the project's "
                    + "folder).")
    Path output;

    @Option(
            names = "--java-output",
            paramLabel = "DIR",
            description = "The Java source root of the entities (default: "
                    + "src/main/java of a Java project; none in a Prisma project).")
    Path javaOutput;

    @Option(
            names = "--java-package",
            paramLabel = "NAME",
            description = "The package of the entities (default: ${DEFAULT-VALUE}).")
    String javaPackage = JavaEntityGenerator.DEFAULT_PACKAGE;

    @Override
    public Integer call() {
        Project project = Project.discover(Optional.ofNullable(schema), Optional.empty());
        project.describe(new PrintWriter(System.out), Optional.empty());
        Schema resolved =
                SchemaCheck.requireValid(project.schema(), System.err).schema().orElseThrow();
        try {
            System.out.println(writeAll(
                    resolved,
                    output != null ? output : project.root().resolve(OPENAPI_FOLDER),
                    Optional.ofNullable(javaOutput).or(() -> javaSourceRoot(project)),
                    javaPackage));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated files: " + e.getMessage(), e);
        }
        return 0;
    }

    /** The entities are for a Java project only: a Prisma project's app has its own client. */
    static Optional<Path> javaSourceRoot(Project project) {
        return project.layout() == Project.Layout.JAVA
                ? Optional.of(project.root().resolve(JavaEntityGenerator.DEFAULT_SOURCE_ROOT))
                : Optional.empty();
    }

    /** Writes the OpenAPI document and the entities; says what it did, one line per fact. */
    static String writeAll(Schema schema, Path openApiDirectory, Optional<Path> javaSourceRoot, String javaPackage)
            throws IOException {
        Path yaml = openApiDirectory.resolve("openapi.yaml");
        Path json = openApiDirectory.resolve("openapi.json");
        Files.createDirectories(openApiDirectory);
        Files.writeString(yaml, OpenApiDocument.yaml(schema), StandardCharsets.UTF_8);
        Files.writeString(json, OpenApiDocument.json(schema), StandardCharsets.UTF_8);
        Path client = openApiDirectory.resolve(TypeScriptClientGenerator.FOLDER);
        TypeScriptClientGenerator.write(schema, client);
        StringBuilder report = new StringBuilder("Wrote " + yaml + " and " + json + ".");
        report.append("\nTypeScript client in " + client + ": index.js, index.d.ts, package.json.");
        if (javaSourceRoot.isEmpty()) {
            return report.toString();
        }
        JavaEntityGenerator.WriteResult result = JavaEntityGenerator.write(schema, javaSourceRoot.get(), javaPackage);
        report.append("\nJava entities in " + result.directory() + ": " + result.total() + " file(s), "
                + result.written().size() + " written, " + result.deleted().size() + " deleted.");
        for (String omission : JavaEntityGenerator.omissions(schema)) {
            report.append("\n  not mapped: ").append(omission);
        }
        return report.toString();
    }
}
