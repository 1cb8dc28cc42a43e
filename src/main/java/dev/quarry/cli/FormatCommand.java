package dev.quarry.cli;

import dev.quarry.schema.diagnostics.SourceFile;
import dev.quarry.schema.format.SchemaFormatter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    @Option(
            names = "--schema",
            paramLabel = "PATH",
            description = "The schema file or folder (default: as Prisma finds it, see migrate --help).")
    String schemaOption;

    private Path schema;

    @Option(names = "--check", description = "Change nothing; exit 1 when a file is not formatted.")
    boolean check;

    @Override
    public Integer call() throws IOException {
        String location = Project.discover(Optional.ofNullable(schemaOption), Optional.empty())
                .schema();
        if (location.startsWith("classpath:")) {
            throw new UserError("there is no schema here to format (no prisma/schema.prisma, prisma.config.ts or "
                    + "src/main/resources/schema.prisma); pass --schema PATH");
        }
        schema = Path.of(location);
        if (!Files.exists(schema)) {
            throw new UserError("the schema " + schema + " does not exist; pass --schema PATH");
        }
        List<SourceFile> files = new ArrayList<>();
        for (Path file : schemaFiles()) {
            files.add(new SourceFile(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
        }
        // As prisma format: a schema that parses is formatted (and its relations completed) even when it
        // does not validate yet; only a syntax error stops it.
        for (SourceFile file : files) {
            if (SchemaFormatter.format(file.text()).isEmpty()) {
                SchemaCheck.requireValid(schema.toString(), System.err);
                throw new UserError(file.path() + " does not parse; fix the errors above first");
            }
        }
        Map<String, String> formatted = SchemaFormatter.format(files);
        List<String> unformatted = new ArrayList<>();
        for (SourceFile file : files) {
            String text = formatted.get(file.path());
            if (text == null || text.equals(file.text())) {
                continue;
            }
            unformatted.add(file.path());
            if (!check) {
                Files.writeString(Path.of(file.path()), text, StandardCharsets.UTF_8);
            }
        }
        if (check) {
            unformatted.forEach(file -> System.out.println("not formatted: " + file));
            System.out.println(
                    unformatted.isEmpty()
                            ? "The schema at " + schema + " is formatted."
                            : "Run `quarry format` to format them.");
            return unformatted.isEmpty() ? 0 : 1;
        }
        System.out.println(
                unformatted.isEmpty()
                        ? "The schema at " + schema + " was already formatted."
                        : "Formatted " + unformatted.size() + " file(s) of the schema at " + schema + ".");
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
