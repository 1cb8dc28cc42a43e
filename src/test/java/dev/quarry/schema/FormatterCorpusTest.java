package dev.quarry.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.schema.diagnostics.SourceFile;
import dev.quarry.schema.format.SchemaFormatter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every {@code *.reformatted.prisma} pair of the corpus formats byte for byte; formatting is idempotent.
 * Multi-file cases ({@code <case>__<File>.prisma} with {@code <case>.reformatted__<File>.prisma}) are formatted
 * together, since completing a relation in one file can add a field to another.
 */
class FormatterCorpusTest {

    @Test
    void reformattedPairsMatch() {
        Map<String, Map<String, Path>> cases = new LinkedHashMap<>();
        for (Path expected : Corpus.files("engines-valid")) {
            String name = expected.getFileName().toString();
            int marker = name.indexOf(".reformatted");
            if (marker < 0) {
                continue;
            }
            Path input = expected.resolveSibling(
                    name.replace(".reformatted.prisma", ".prisma").replace(".reformatted__", "__"));
            if (Files.exists(input)) {
                cases.computeIfAbsent(name.substring(0, marker), k -> new LinkedHashMap<>())
                        .put(input.getFileName().toString(), expected);
            }
        }
        List<String> failures = new ArrayList<>();
        int total = 0;
        for (Map<String, Path> pairs : cases.values()) {
            List<SourceFile> inputs = new ArrayList<>();
            pairs.forEach((input, expected) ->
                    inputs.add(new SourceFile(input, Corpus.read(expected.resolveSibling(input)))));
            Map<String, String> formatted = SchemaFormatter.format(inputs);
            for (Map.Entry<String, Path> pair : pairs.entrySet()) {
                total++;
                String output = formatted.get(pair.getKey());
                if (!output.equals(Corpus.read(pair.getValue()))) {
                    failures.add(pair.getValue().getFileName().toString());
                }
                assertEquals(output, SchemaFormatter.format(output).orElseThrow(), "idempotent: " + pair.getKey());
            }
        }
        int exact = total - failures.size();
        System.out.printf("formatter: %d/%d reformatted pairs byte-identical; failing: %s%n", exact, total, failures);
        assertEquals(
                List.of(25, 25),
                List.of(total, exact),
                "the README's figure, 25 of 25 byte-identical; failing: " + failures);
    }
}
