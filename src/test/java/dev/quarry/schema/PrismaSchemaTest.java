package dev.quarry.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.schema.diagnostics.Diagnostic;
import dev.quarry.schema.diagnostics.DiagnosticRenderer;
import dev.quarry.schema.format.SchemaFormatter;
import dev.quarry.schema.model.DefaultValue;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.ReferentialAction;
import dev.quarry.schema.model.Relation;
import dev.quarry.schema.model.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrismaSchemaTest {

    private static final String HEADER =
            "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n";

    private static Schema valid(String text) {
        SchemaResult result = PrismaSchema.parse("schema.prisma", HEADER + text);
        assertFalse(
                result.hasErrors(),
                () -> result.errors().stream().map(DiagnosticRenderer::render).reduce("", String::concat));
        return result.schema().orElseThrow();
    }

    private static Diagnostic firstError(String text) {
        SchemaResult result = PrismaSchema.parse("schema.prisma", text);
        assertTrue(result.hasErrors());
        return result.errors().get(0);
    }

    @Test
    void exampleSchemaParsesAndFormatsToItself() throws Exception {
        Path path = Path.of("src/main/resources/schema.prisma");
        SchemaResult result = PrismaSchema.load(path);
        assertFalse(result.hasErrors(), result.errors().toString());
        Schema schema = result.schema().orElseThrow();
        Relation relation = schema.relations().get(0);
        assertEquals("PostToUser", relation.name());
        assertEquals(Relation.Kind.ONE_TO_MANY, relation.kind());
        assertEquals(ReferentialAction.RESTRICT, relation.onDelete());
        assertEquals(ReferentialAction.CASCADE, relation.onUpdate());
        String text = Files.readString(path);
        assertEquals(text, SchemaFormatter.format(text).orElseThrow());
    }

    @Test
    void implicitManyToManyOrdersModelsAlphabetically() {
        Schema schema = valid(
                "model Post {\n  id Int @id\n  tags Tag[]\n}\nmodel Tag {\n  id Int @id\n  posts " + "Post[]\n}\n");
        Relation relation = schema.relations().get(0);
        assertEquals(Relation.Kind.MANY_TO_MANY, relation.kind());
        assertEquals("_PostToTag", relation.joinTableName());
        assertEquals("Post", relation.referencingModel());
        assertEquals("Tag", relation.referencedModel());
    }

    @Test
    void optionalRelationDefaultsToSetNull() {
        Schema schema =
                valid("model User {\n  id Int @id\n  posts Post[]\n}\nmodel Post {\n  id Int @id\n  author User? "
                        + "@relation(fields: [authorId], references: [id])\n  authorId Int?\n  "
                        + "@@index([authorId])\n}\n");
        assertEquals(ReferentialAction.SET_NULL, schema.relations().get(0).onDelete());
    }

    @Test
    void crlfUnicodeEscapesAndTrailingCommas() {
        Schema schema = valid("model Lööp {\r\n  id String @id @default(\"a\\\"b\\u00e9\")\r\n  n Int @default(1)\r\n  "
                + "@@unique([id, n],)\r\n}\r\n");
        Model model = schema.model("Lööp");
        assertEquals(
                new DefaultValue.StringValue("a\"bé", Optional.empty()),
                model.scalarField("id").defaultValue().orElseThrow());
        assertEquals(2, model.uniques().get(0).fields().size());
    }

    @Test
    void docCommentsBecomeDocumentation() {
        Schema schema = valid("/// A user\nmodel User {\n  /// the key\n  id Int @id\n}\n");
        assertEquals("A user", schema.model("User").documentation().orElseThrow());
        assertEquals(
                "the key", schema.model("User").fields().get(0).documentation().orElseThrow());
    }

    @Test
    void everyErrorIsReportedAtItsLineAndColumn() {
        SchemaResult result =
                PrismaSchema.parse("schema.prisma", HEADER + "model A {\n  id Int @id\n  b Foo\n  c Bar\n}\n");
        assertEquals(2, result.errors().size());
        assertEquals(7, result.errors().get(0).span().line());
        assertEquals(5, result.errors().get(0).span().column());
        assertEquals(8, result.errors().get(1).span().line());
        assertTrue(DiagnosticRenderer.render(result.errors().get(0)).contains(" 7 |   b Foo\n   |     ^^^"));
    }

    @Test
    void garbageLinesAreReportedAndParsingGoesOn() {
        Diagnostic error = firstError("model A {\n  id Int @id\n  this is wrong\n}\nfoo bar\n");
        assertEquals("Error validating: This line is not a valid field or attribute definition.", error.message());
        assertEquals(3, error.span().line());
        assertEquals(3, error.span().column());
    }

    @Test
    void otherProvidersAreRejected() {
        Diagnostic error = firstError("datasource db {\n  provider = \"mysql\"\n}\n");
        assertTrue(error.message().startsWith("Quarry supports only PostgreSQL"));
        assertEquals(2, error.span().line());
    }

    @Test
    void legacySyntaxIsReported() {
        SchemaResult result = PrismaSchema.parse("schema.prisma", "model A {\n  id: Int! @id\n  xs [Int]\n}\n");
        assertEquals(3, result.errors().size());
    }

    @Test
    void formatterAlignsAndSortsAttributes() {
        String formatted = SchemaFormatter.format(
                        "model A {\n  id Int @default(1) @id\n  longName   String? // c\n  @@map(\"a\")\n  "
                                + "@@index([id])\n}\n")
                .orElseThrow();
        assertEquals(
                "model A {\n  id       Int     @id @default(1)\n  longName String? // c\n\n  "
                        + "@@index([id])\n  "
                        + "@@map(\"a\")\n}\n",
                formatted);
    }
}
