package dev.quarry.cli;

import dev.quarry.api.openapi.OpenApiDocument;
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

@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Writes the OpenAPI document of the schema's API (openapi.yaml and openapi.json), the same one the service serves at /q/openapi.")
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--schema", paramLabel = "PATH", description = "The schema file or folder (default: ${DEFAULT-VALUE}).")
    String schema = SchemaSource.defaultLocation();

    @Option(names = "--output", paramLabel = "DIR", description = "The folder to write into (default: ${DEFAULT-VALUE}).")
    Path output = Path.of("openapi");

    @Override
    public Integer call() {
        Schema resolved = SchemaCheck.requireValid(schema, System.err).schema().orElseThrow();
        Path yaml = output.resolve("openapi.yaml");
        Path json = output.resolve("openapi.json");
        try {
            Files.createDirectories(output);
            Files.writeString(yaml, OpenApiDocument.yaml(resolved), StandardCharsets.UTF_8);
            Files.writeString(json, OpenApiDocument.json(resolved), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the OpenAPI document to " + output + ": " + e.getMessage(), e);
        }
        System.out.println("Wrote " + yaml + " and " + json + " for the schema at " + schema + ".");
        return 0;
    }
}
