package dev.quarry.cli;

import dev.quarry.generate.JavaEntityGenerator;
import dev.quarry.runtime.SchemaSource;
import dev.quarry.schema.model.Schema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "entities",
        mixinStandardHelpOptions = true,
        description = {
            "Writes the typed Java layer: a Hibernate Reactive entity per model and a Java enum per enum.",
            "The files are generated: never edit them; run this again after changing the schema."
        })
public final class GenerateEntitiesCommand implements Callable<Integer> {

    @Option(names = "--schema", paramLabel = "PATH", description = "The schema file or folder (default: ${DEFAULT-VALUE}).")
    String schema = SchemaSource.defaultLocation();

    @Option(names = "--output", paramLabel = "DIR", description = "The Java source root (default: ${DEFAULT-VALUE}).")
    Path output = JavaEntityGenerator.DEFAULT_SOURCE_ROOT;

    @Option(names = "--package", paramLabel = "NAME", description = "The package of the entities (default: ${DEFAULT-VALUE}).")
    String packageName = JavaEntityGenerator.DEFAULT_PACKAGE;

    @Override
    public Integer call() throws IOException {
        Schema parsed = SchemaCheck.requireValid(schema, System.err).schema().orElseThrow();
        System.out.println(run(parsed, output, packageName));
        return 0;
    }

    /** Generates and describes what changed, in one line per fact; for {@code generate} and {@code migrate dev} too. */
    public static String run(Schema schema, Path sourceRoot, String packageName) throws IOException {
        JavaEntityGenerator.WriteResult result = JavaEntityGenerator.write(schema, sourceRoot, packageName);
        StringBuilder report = new StringBuilder("Java entities in " + result.directory() + ": " + result.total() + " file(s), "
                + result.written().size() + " written, " + result.deleted().size() + " deleted.");
        for (String omission : JavaEntityGenerator.omissions(schema)) {
            report.append("\n  not mapped: ").append(omission);
        }
        return report.toString();
    }
}
