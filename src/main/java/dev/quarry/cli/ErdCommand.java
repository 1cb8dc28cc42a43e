package dev.quarry.cli;

import dev.quarry.diagram.Diagrams;
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

/** {@code quarry erd [--format svg|mermaid] [--out FILE]}: the schema as an entity-relationship diagram. */
@Command(
        name = "erd",
        mixinStandardHelpOptions = true,
        description = {
            "Draws the schema as an entity-relationship diagram: a box per model with its fields, types "
                    + "and keys (PK, UK, FK),",
            "a line per relation with its cardinality (1, 0..1, *). The same diagram the Studio shows at "
                    + "/studio/diagram.svg."
        })
final class ErdCommand implements Callable<Integer> {

    enum Format {
        svg,
        mermaid
    }

    @Option(
            names = "--schema",
            paramLabel = "PATH",
            description = "The schema file or folder (default: as Prisma finds it, see migrate --help).")
    String schema;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "svg (a standalone SVG drawing) or mermaid (Mermaid erDiagram text) (default: "
                    + "${DEFAULT-VALUE}).")
    Format format = Format.svg;

    @Option(names = "--out", paramLabel = "FILE", description = "The file to write (default: stdout).")
    Path out;

    @Override
    public Integer call() {
        Project project = Project.discover(Optional.ofNullable(schema), Optional.empty());
        // with the diagram on stdout, what the command uses is said on the error stream
        PrintWriter announcements =
                new PrintWriter(out == null ? System.err : System.out, true, StandardCharsets.UTF_8);
        project.describe(announcements, Optional.empty());
        Schema resolved =
                SchemaCheck.requireValid(project.schema(), System.err).schema().orElseThrow();
        String diagram = format == Format.svg ? Diagrams.svg(resolved) : Diagrams.mermaid(resolved);
        if (out == null) {
            System.out.print(diagram);
            System.out.flush();
            return 0;
        }
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, diagram, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        announcements.println(
                "Wrote the " + format + " diagram of " + resolved.models().size() + " model(s) to " + out + ".");
        return 0;
    }
}
