package dev.quarry.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.testsupport.NodeProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Mermaid's own parser ({@code mermaid.parse} in Node.js) accepts the erDiagram of the example and of the largest
 * real schemas.
 */
class MermaidParseTest {

    @Test
    void mermaidAcceptsTheDiagramsOfTheExampleAndTheLargestRealSchemas() throws Exception {
        NodeProject node = NodeProject.prepare(Path.of("src/test/studio"));
        Path folder = Files.createDirectories(Path.of("target/diagrams"));
        List<String> command = new ArrayList<>(List.of("node", "mermaid-parse.mjs"));
        List<Path> schemas = new ArrayList<>(List.of(DiagramTest.EXAMPLE));
        DiagramTest.LARGEST.forEach(file -> schemas.add(DiagramTest.corpus().resolve(file)));
        for (Path schema : schemas) {
            Path out = folder.resolve(schema.getFileName() + ".mmd");
            Files.writeString(out, Diagrams.mermaid(DiagramTest.load(schema)));
            command.add(out.toAbsolutePath().toString());
        }
        NodeProject.Result result = node.run(Map.of(), 120, command.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.output());
        assertEquals(
                schemas.size(),
                result.output()
                        .lines()
                        .filter(l -> l.startsWith("accepted") && l.endsWith(": er"))
                        .count(),
                result.output());
        assertTrue(Files.readString(folder.resolve("schema.prisma.mmd"))
                .contains("\"User\" ||--o{ \"Post\" : \"posts / author\""));
    }
}
