package dev.quarry.cli;

import dev.quarry.runtime.SchemaSource;
import dev.quarry.schema.format.SchemaFormatter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "format",
        mixinStandardHelpOptions = true,
        description = "Rewrites the schema in canonical form, exactly as `prisma format` does.")
final class FormatCommand implements Callable<Integer> {

    @Option(names = "--schema", paramLabel = "PATH", description = "The schema file or folder (default: ${DEFAULT-VALUE}).")
    Path schema = Path.of(SchemaSource.PROJECT_DEFAULT);

    @Option(names = "--check", description = "Change nothing; exit 1 when a file is not formatted.")
    boolean check;

    @Override
    public Integer call() throws IOException {
        if (!Files.exists(schema)) {
            throw new UserError("the schema " + schema + " does not exist; pass --schema PATH");
        }
        SchemaCheck.requireValid(schema.toString(), System.err);
        List<Path> unformatted = new ArrayList<>();
        for (Path file : schemaFiles()) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Optional<String> formatted = SchemaFormatter.format(text);
            if (formatted.isEmpty() || formatted.get().equals(text)) {
                continue;
            }
            unformatted.add(file);
            if (!check) {
                Files.writeString(file, formatted.get(), StandardCharsets.UTF_8);
            }
        }
        if (check) {
            unformatted.forEach(file -> System.out.println("not formatted: " + file));
            System.out.println(unformatted.isEmpty() ? "All schema files are formatted." : "Run `quarry format` to format them.");
            return unformatted.isEmpty() ? 0 : 1;
        }
        System.out.println(unformatted.isEmpty() ? "The schema was already formatted." : "Formatted " + unformatted.size() + " file(s).");
        return 0;
    }

    private List<Path> schemaFiles() throws IOException {
        if (Files.isRegularFile(schema)) {
            return List.of(schema);
        }
        try (Stream<Path> files = Files.walk(schema)) {
            return files.filter(f -> f.toString().endsWith(".prisma")).sorted().toList();
        }
    }
}
