package dev.quarry.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.diagram.Diagram.Cardinality;
import dev.quarry.diagram.Diagram.Edge;
import dev.quarry.diagram.Diagram.Mark;
import dev.quarry.runtime.SchemaSource;
import dev.quarry.schema.SchemaResult;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.Schema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class DiagramTest {

    static final Path EXAMPLE = Path.of("src/main/resources/schema.prisma");

    /** The corpus's largest real schemas. */
    static final List<String> LARGEST = List.of(
            "calcom__cal.com__packages__prisma__schema.prisma",
            "civitai__civitai__packages__civitai-db-schema__prisma__schema.full.prisma");

    @Test
    void theExampleSchemaIsTwoBoxesAndOneToManyRelation() {
        Diagram diagram = DiagramBuilder.of(load(EXAMPLE));
        assertEquals(
                List.of("User", "Post"),
                diagram.boxes().stream().map(Diagram.Box::model).toList());
        Diagram.Box user = diagram.boxes().get(0);
        assertEquals(Set.of(Mark.PK), row(user, "id").marks());
        assertEquals(Set.of(Mark.UK), row(user, "email").marks());
        assertEquals("String?", row(user, "name").type());
        assertEquals(Set.of(Mark.FK), row(diagram.boxes().get(1), "authorId").marks());
        assertEquals(
                List.of(new Edge("PostToUser", "User", "Post", Cardinality.ONE, Cardinality.MANY, "posts / author")),
                diagram.edges());
    }

    @Test
    void cardinalityFollowsTheForeignKeyAndTheRelationKind() {
        Schema schema = SchemaSource.load(write("""
                datasource db {
                  provider = "postgresql"
                }
                model Person {
                  id       Int       @id
                  passport Passport?
                  team     Team?     @relation(fields: [teamId], references: [id])
                  teamId   Int?
                  tags     Tag[]
                  mentor   Person?   @relation("Mentoring", fields: [mentorId], references: [id])
                  mentorId Int?
                  mentees  Person[]  @relation("Mentoring")
                }
                model Passport {
                  id       Int    @id
                  person   Person @relation(fields: [personId], references: [id])
                  personId Int    @unique
                }
                model Team {
                  id      Int      @id
                  members Person[]
                }
                model Tag {
                  id      Int      @id
                  persons Person[]
                }
                """)).schema().orElseThrow();
        Map<String, String> ends = new TreeMap<>();
        for (Edge edge : DiagramBuilder.of(schema).edges()) {
            ends.put(
                    edge.from() + "-" + edge.to(),
                    edge.fromEnd().label() + " " + edge.toEnd().label());
        }
        assertEquals(
                Map.of(
                        "Person-Passport", "1 0..1",
                        "Team-Person", "0..1 *",
                        "Person-Tag", "* *",
                        "Person-Person", "0..1 *"),
                ends);
        String svg = Diagrams.svg(schema);
        assertTrue(
                svg.contains("class=\"relation\" data-from=\"Person\" data-to=\"Person\""),
                "the self-relation is drawn as a loop");
    }

    @Test
    void namesAreEscapedInTheSvg() {
        assertEquals("a&lt;b&gt;&amp;&quot;&apos;", SvgRenderer.escape("a<b>&\"'\u0001"));
    }

    @Test
    void theExampleDiagramIsTheCommittedOne() throws Exception {
        Schema schema = load(EXAMPLE);
        assertEquals(Diagrams.svg(schema), Diagrams.svg(load(EXAMPLE)), "the layout is deterministic");
        assertEquals(
                Files.readString(Path.of("openapi/schema-diagram.svg")),
                Diagrams.svg(schema),
                "openapi/schema-diagram.svg is out of date: run ./quarry erd --out " + "openapi/schema-diagram.svg");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "calcom__cal.com__packages__prisma__schema.prisma",
                "civitai__civitai__packages__civitai-db-schema__prisma__schema.full.prisma"
            })
    void aLargeRealSchemaGivesAValidSvgWithEveryModelAndNoOverlap(String file) throws Exception {
        Schema schema = load(corpus().resolve(file));
        Diagram diagram = DiagramBuilder.of(schema);
        long start = System.nanoTime();
        Layout layout = LayeredLayout.layout(diagram);
        String svg = SvgRenderer.render(layout);
        long millis = (System.nanoTime() - start) / 1_000_000;

        Document document = parse(svg);
        NodeList groups = document.getElementsByTagName("g");
        Set<String> drawn = new HashSet<>();
        List<Rect> bodies = new ArrayList<>();
        for (int i = 0; i < groups.getLength(); i++) {
            Element group = (Element) groups.item(i);
            if (group.getAttribute("class").startsWith("model")) {
                drawn.add(group.getAttribute("data-model"));
                Element body = (Element) group.getElementsByTagName("rect").item(0);
                bodies.add(
                        new Rect(number(body, "x"), number(body, "y"), number(body, "width"), number(body, "height")));
            }
        }
        Set<String> models = new HashSet<>(schema.models().stream()
                .filter(m -> !m.ignored())
                .map(Model::name)
                .toList());
        assertEquals(models, drawn, "every model is drawn, once");
        for (int i = 0; i < bodies.size(); i++) {
            for (int j = i + 1; j < bodies.size(); j++) {
                assertFalse(
                        bodies.get(i).overlaps(bodies.get(j)), "boxes overlap: " + bodies.get(i) + " " + bodies.get(j));
            }
            Rect body = bodies.get(i);
            assertTrue(
                    body.x() >= 0
                            && body.y() >= 0
                            && body.x() + body.width() <= layout.width()
                            && body.y() + body.height() <= layout.height(),
                    "inside the drawing: " + body);
        }
        System.out.printf(
                "[diagram] %s: %d models, %d relations, %.0fx%.0f, laid out and drawn in %d ms, %d kB%n",
                file,
                drawn.size(),
                diagram.edges().size(),
                layout.width(),
                layout.height(),
                millis,
                svg.length() / 1024);
        assertTrue(
                layout.width() < 4 * layout.height() && layout.height() < 8 * layout.width(),
                "a readable aspect: " + layout.width() + "x" + layout.height());
    }

    static Schema load(Path file) {
        SchemaResult result = SchemaSource.load(file.toString());
        assertTrue(result.schema().isPresent() && !result.hasErrors(), file + ": " + result.errors());
        return result.schema().orElseThrow();
    }

    static Path corpus() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/corpus/prisma-schemas/real");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/corpus/prisma-schemas/real not found above "
                + Path.of("").toAbsolutePath());
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static double number(Element element, String attribute) {
        return Double.parseDouble(element.getAttribute(attribute));
    }

    private static Diagram.Row row(Diagram.Box box, String name) {
        return box.rows().stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static String write(String schema) {
        try {
            Path file = Files.createTempFile("diagram", ".prisma");
            Files.writeString(file, schema);
            file.toFile().deleteOnExit();
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
