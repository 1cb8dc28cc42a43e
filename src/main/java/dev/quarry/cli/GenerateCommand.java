package dev.quarry.cli;

import dev.quarry.api.openapi.OpenApiDocument;
import dev.quarry.generate.JavaEntityGenerator;
import dev.quarry.runtime.SchemaSource;
import dev.quarry.schema.model.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Everything derived from the schema that is committed with the project, as {@code prisma generate} writes its clients. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Writes what is derived from the schema and committed with the project:",
            "  the OpenAPI document (openapi.yaml and openapi.json), the same one the service serves at /q/openapi;",
            "  the typed Java layer: a Hibernate Reactive entity per model and a Java enum per enum.",
            "Generated files are never edited by hand: run this again after changing the schema."
        })
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--schema", paramLabel = "PATH", description = "The schema file or folder (default: ${DEFAULT-VALUE}).")
    String schema = SchemaSource.defaultLocation();

    @Option(names = "--output", paramLabel = "DIR", description = "The folder of the OpenAPI document (default: ${DEFAULT-VALUE}).")
    Path output = Path.of("openapi");

    @Option(names = "--java-output", paramLabel = "DIR", description = "The Java source root of the entities (default: ${DEFAULT-VALUE}).")
    Path javaOutput = JavaEntityGenerator.DEFAULT_SOURCE_ROOT;

    @Option(names = "--java-package", paramLabel = "NAME", description = "The package of the entities (default: ${DEFAULT-VALUE}).")
    String javaPackage = JavaEntityGenerator.DEFAULT_PACKAGE;

    @Override
    public Integer call() {
        Schema resolved = SchemaCheck.requireValid(schema, System.err).schema().orElseThrow();
        Path yaml = output.resolve("openapi.yaml");
        Path json = output.resolve("openapi.json");
        try {
            Files.createDirectories(output);
            Files.writeString(yaml, OpenApiDocument.yaml(resolved), StandardCharsets.UTF_8);
            Files.writeString(json, OpenApiDocument.json(resolved), StandardCharsets.UTF_8);
            System.out.println("Wrote " + yaml + " and " + json + " for the schema at " + schema + ".");
            System.out.println(entities(resolved, javaOutput, javaPackage));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated files: " + e.getMessage(), e);
        }
        return 0;
    }

    /** Writes the entities and says what changed, one line per fact. */
    static String entities(Schema schema, Path sourceRoot, String packageName) throws IOException {
        JavaEntityGenerator.WriteResult result = JavaEntityGenerator.write(schema, sourceRoot, packageName);
        StringBuilder report = new StringBuilder("Java entities in " + result.directory() + ": " + result.total() + " file(s), "
                + result.written().size() + " written, " + result.deleted().size() + " deleted.");
        for (String omission : JavaEntityGenerator.omissions(schema)) {
            report.append("\n  not mapped: ").append(omission);
        }
        return report.toString();
    }
}
