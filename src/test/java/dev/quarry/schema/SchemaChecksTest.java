package dev.quarry.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.schema.diagnostics.DiagnosticRenderer;
import dev.quarry.schema.diagnostics.SourceFile;
import dev.quarry.schema.format.SchemaFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One accepted and one rejected schema per check, the error pinned to its line and column. */
class SchemaChecksTest {

    /** Four lines: the body starts on line 5. */
    private static final String HEADER =
            "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n";

    private static final String VIEWS =
            "generator js {\n  provider        = \"prisma-client\"\n  previewFeatures = [\"views\"]\n}\n";
    private static final String EXTENSIONS =
            "datasource db {\n  provider   = \"postgresql\"\n  extensions = %s\n}\ngenerator js {\n  "
                    + "provider        = \"prisma-client\"\n  previewFeatures = [\"postgresqlExtensions\"]\n}\n";

    private static void accepted(String text) {
        SchemaResult result = PrismaSchema.parse("schema.prisma", text);
        assertFalse(result.hasErrors(), () -> DiagnosticRenderer.render(result.errors()));
    }

    private static void rejected(String text, String message, int line, int column) {
        SchemaResult result = PrismaSchema.parse("schema.prisma", text);
        assertTrue(
                result.errors().stream()
                        .anyMatch(d -> d.message().equals(message)
                                && d.span().line() == line
                                && d.span().column() == column),
                () -> "expected at " + line + ":" + column + ": " + message + "\ngot:\n"
                        + DiagnosticRenderer.render(result.errors()));
    }

    @Test
    void indexesReferenceScalarFields() {
        String schema = HEADER
                + "model User {\n  id     Int     @id\n  teamId Int\n  team   Team    @relation(fields: [teamId], "
                + "references: [id])\n"
                + "  @@index([%s])\n}\nmodel Team {\n  id    Int    @id\n  users User[]\n}\n";
        accepted(schema.formatted("teamId"));
        rejected(
                schema.formatted("team"),
                "Error validating model \"User\": The index definition refers to the relation fields team. "
                        + "Index definitions must reference only scalar fields. Did you mean `@@index([teamId])`?",
                9,
                3);
    }

    @Test
    void clusteringIsSqlServerOnly() {
        String schema = HEADER + "model A {\n  id Int @id\n  a  Int\n  @@index([a]%s)\n}\n";
        accepted(schema.formatted(""));
        rejected(
                schema.formatted(", clustered: true"),
                "Error parsing attribute \"@@index\": Defining clustering is not supported in the current "
                        + "connector.",
                8,
                3);
        rejected(
                schema.formatted(", clustered: meow"),
                "Expected a boolean value, but received literal value `meow`.",
                8,
                27);
    }

    @Test
    void viewsNeedThePreviewFeature() {
        String view = "view Mountain {\n  id Int @unique\n}\n";
        accepted(HEADER + VIEWS + view);
        rejected(
                HEADER + view,
                "Error validating: View definitions are only available with the `views` preview feature.",
                5,
                1);
    }

    @Test
    void viewsHaveNoPrimaryKeysNorIndexes() {
        accepted(HEADER + VIEWS + "view V {\n  id   Int @unique\n  name String\n  @@unique([name])\n}\n");
        rejected(
                HEADER + VIEWS + "view V {\n  id Int @id\n}\n",
                "Error validating: Views cannot have primary keys.",
                10,
                10);
        rejected(
                HEADER + VIEWS + "view V {\n  id Int @unique\n  @@index([id])\n}\n",
                "Error validating: Views cannot have indexes.",
                11,
                3);
        rejected(
                HEADER + VIEWS + "view V {\n  id Int @unique(map: \"v_id\")\n}\n",
                "Error validating: @@unique annotations on views are not backed by "
                        + "unique indexes in the database and cannot specify a mapped database name.",
                10,
                10);
        rejected(
                HEADER + VIEWS + "view V {\n  id Int\n  @@unique([id(sort: Desc)])\n}\n",
                "Error parsing attribute \"@@unique\": Scalar fields in @@unique attributes in views "
                        + "cannot have arguments.",
                11,
                3);
    }

    @Test
    void noImplicitManyToManyWithViews() {
        String schema = HEADER + VIEWS
                + "model User {\n  id    Int    @id\n  posts Post[]%s\n}\n%s Post {\n  id    Int    %s\n  users "
                + "User[]%s\n}\n";
        accepted(schema.formatted("", "model", "@id", ""));
        rejected(
                schema.formatted("", "view", "@unique", ""),
                "Error validating: Implicit many-to-many relations are not supported for views.",
                11,
                3);
        rejected(
                schema.formatted("", "view", "@unique", ""),
                "Error validating field `posts` in model `User`: The relation field `posts` on model "
                        + "`User` "
                        + "references `Post` which does not have an `@id` field. Models without `@id` cannot be part "
                        + "of a many to many relation. Use an explicit intermediate Model to represent this "
                        + "relationship.",
                11,
                3);
    }

    @Test
    void namesDoNotStartWithDigitsNorContainDashes() {
        accepted(HEADER + "model a1 {\n  id1 Int @id\n}\n");
        rejected(
                HEADER + "model 1a {\n  id Int @id\n}\n",
                "Error validating: The name of a model must not start with a number.",
                5,
                7);
        rejected(
                HEADER + "model A {\n  1id Int @id\n}\n",
                "Error validating: The name of a field must not start with a number.",
                6,
                3);
        rejected(
                HEADER + "model A {\n  my-id Int @id\n}\n",
                "Error validating: The character `-` is not allowed in field names.",
                6,
                3);
    }

    @Test
    void singleBlockAttributesAppearOnce() {
        String schema = HEADER + "model A {\n  id Int @id\n  @@map(\"a\")%s\n}\n";
        accepted(schema.formatted(""));
        rejected(schema.formatted("\n  @@map(\"b\")"), "Attribute \"@map\" can only be defined once.", 7, 3);
        rejected(schema.formatted("\n  @@map(\"b\")"), "Attribute \"@map\" can only be defined once.", 8, 3);
        rejected(HEADER + "model A {\n  id Int @id\n  @@map\n}\n", "Argument \"name\" is missing.", 7, 3);
    }

    @Test
    void databaseNamesAreUnique() {
        String models = HEADER + "model User {\n  id Int @id\n  @@map(\"people\")\n}\nmodel Person {\n  id Int @id\n  "
                + "@@map(\"%s\")\n}\n";
        accepted(models.formatted("persons"));
        rejected(
                models.formatted("people"),
                "The model with database name \"people\" could not be defined because another model or "
                        + "view with this name exists: \"User\"",
                11,
                3);
        String enums = HEADER + "enum A {\n  X\n  @@map(\"kind\")\n}\nenum B {\n  Y\n  @@map(\"%s\")\n}\n";
        accepted(enums.formatted("other"));
        rejected(enums.formatted("kind"), "An enum with the same database name is already defined.", 9, 1);
    }

    /**
     * Prisma's namespace for PostgreSQL: primary keys, unique constraints and indexes of every table of a schema
     * share one.
     */
    @Test
    void indexAndConstraintNamesAreUniqueInTheDatabaseSchema() {
        String unique = "The given constraint name `%s` has to be unique in the following namespace: global for "
                + "primary "
                + "key, indexes and unique "
                + "constraints. Please provide a different name using the `map` argument.";
        String twoIndexes =
                HEADER + "model User {\n  id    Int    @id\n  email String\n  name  String\n  @@index([email])\n  "
                        + "@@index(%s)\n}\n";
        accepted(twoIndexes.formatted("[name]"));
        accepted(twoIndexes.formatted("[email], map: \"User_email_lower_idx\""));
        rejected(
                twoIndexes.formatted("[email]"),
                "Error parsing attribute \"@@index\": " + unique.formatted("User_email_idx"),
                9,
                3);
        rejected(
                twoIndexes.formatted("[email]"),
                "Error parsing attribute \"@@index\": " + unique.formatted("User_email_idx"),
                10,
                3);
        rejected(
                twoIndexes.formatted("[name], map: \"User_email_idx\""),
                "Error parsing attribute \"@@index\": " + unique.formatted("User_email_idx"),
                10,
                3);

        String fieldAndBlock =
                HEADER + "model User {\n  id    Int    @id\n  email String @unique\n  @@unique([email]%s)\n}\n";
        rejected(
                fieldAndBlock.formatted(""),
                "Error parsing attribute \"@unique\": " + unique.formatted("User_email_key"),
                7,
                16);
        rejected(
                fieldAndBlock.formatted(""),
                "Error parsing attribute \"@@unique\": " + unique.formatted("User_email_key"),
                8,
                3);
        accepted(fieldAndBlock.formatted(", map: \"User_email_live_key\""));

        String acrossTables = HEADER + "model User {\n  id    Int    @id\n  email String\n  @@index([email], map: "
                + "\"by_email\")\n}\n"
                + "model Team {\n  id    Int    @id(map: \"%s\")\n}\n";
        accepted(acrossTables.formatted("Team_pkey"));
        rejected(
                acrossTables.formatted("by_email"),
                "Error parsing attribute \"@id\": " + unique.formatted("by_email"),
                11,
                16);
    }

    @Test
    void datasourceProperties() {
        String datasource = "datasource db {\n  provider = \"postgresql\"\n  %s\n}\n";
        accepted(datasource.formatted("relationMode = \"prisma\""));
        rejected(datasource.formatted("foo = \"x\""), "Property not known: \"foo\".", 3, 3);
        rejected(
                datasource.formatted("schemas = [\"a\", 2]"),
                "Expected a string value, but received numeric value `2`.",
                3,
                19);
        rejected(datasource.formatted("schemas = [\"a\", \"a\"]"), "Duplicated schema names are not allowed", 3, 19);
        rejected(
                datasource.formatted("relationMode ="),
                "Property relationMode in datasource db needs to be assigned a value",
                1,
                1);
    }

    @Test
    void extensions() {
        accepted(EXTENSIONS.formatted("[pg_trgm, postgis(version: \"3.4\", schema: \"gis\")]"));
        rejected(
                HEADER.replace("}\n", "  extensions = [postgis]\n}\n"),
                "The `extensions` property is only available with the `postgresqlExtensions` preview " + "feature.",
                4,
                3);
        rejected(
                EXTENSIONS.formatted("[\"postgis\"]"),
                "Expected a constant or function value, but received string value `\"postgis\"`.",
                3,
                17);
        rejected(
                EXTENSIONS.formatted("[uuid-ossp]"),
                "Error validating: The character `-` is not allowed in extension names.",
                3,
                17);
        rejected(EXTENSIONS.formatted("[postgis(foo: \"1\")]"), "Argument not known: \"foo\".", 3, 25);
        rejected(EXTENSIONS.formatted("[postgis(\"1\")]"), "Error validating: The argument must have a name", 3, 25);
        rejected(
                EXTENSIONS.formatted("[postgis(version: \"1\", version: \"2\")]"),
                "Error validating: The argument `version` can only be defined once",
                3,
                39);
        rejected(
                EXTENSIONS.formatted("[postgis(version: 2.1)]"),
                "Expected a string value, but received numeric value `2.1`.",
                3,
                34);
    }

    @Test
    void nativeTypeArgumentsAreNonNegative() {
        String schema = HEADER + "model A {\n  id Int      @id\n  at DateTime @db.Timestamp(%s)\n}\n";
        accepted(schema.formatted("3"));
        rejected(schema.formatted("-1"), "Expected a nonnegative integer, but found (-1).", 7, 29);
    }

    @Test
    void postgresOperatorClasses() {
        String schema = HEADER + "model A {\n  id Int %s\n  a  %s\n  b  Int\n  @@index(%s)\n}\n";
        accepted(schema.formatted("@id", "Json", "[a(ops: JsonbPathOps)], type: Gin"));
        accepted(schema.formatted("@id", "Int", "[a], type: Brin"));
        accepted(schema.formatted("@id", "String @db.Inet", "[a(ops: InetOps)], type: Gist"));
        accepted(schema.formatted("@id", "String", "[a(ops: raw(\"gin_trgm_ops\"))], type: Gin"));
        rejected(
                schema.formatted("@id", "Int[]", "[a(ops: ArrayOps)], type: Gist"),
                "Error parsing attribute \"@@index\": The given operator class `ArrayOps` is not supported "
                        + "with the `Gist` index type.",
                9,
                3);
        rejected(
                schema.formatted("@id", "String @db.Text", "[a(ops: UuidMinMaxOps)], type: Brin"),
                "Error parsing attribute \"@@index\": The given operator class `UuidMinMaxOps` does not "
                        + "support native type `Text` of field `a`.",
                9,
                3);
        rejected(
                schema.formatted("@id", "String", "[a(ops: BitMinMaxOps)], type: Brin"),
                "Error parsing attribute \"@@index\": The given operator class `BitMinMaxOps` expects the "
                        + "field `a` to define a valid native type.",
                9,
                3);
        rejected(
                schema.formatted("@id", "Int", "[a(ops: TextOps)], type: SpGist"),
                "Error parsing attribute \"@@index\": The given operator class `TextOps` points to the "
                        + "field `a` that is not of String type.",
                9,
                3);
        rejected(
                schema.formatted("@id", "Int", "[a], type: SpGist"),
                "Error parsing attribute \"@@index\": The SpGist index type does not support the type of "
                        + "the field `a`.",
                9,
                3);
        rejected(
                schema.formatted("@id", "String", "[a, b], type: SpGist"),
                "Error parsing attribute \"@@index\": SpGist does not support multi-column indices.",
                9,
                3);
        rejected(
                schema.formatted("@id", "Int", "[a(ops: ArrayOps)], type: Gin"),
                "Error parsing attribute \"@@index\": The given operator class `ArrayOps` expects the type "
                        + "of field `a` to be an array.",
                9,
                3);
    }

    @Test
    void setNullOnRequiredFieldsIsAnErrorWithoutDatasource() {
        String models = "model User {\n  id      Int      @id\n  profile Profile?\n}\nmodel Profile {\n  id     "
                + "Int   @id\n"
                + "  user   User? @relation(fields: [userId], references: [id], onDelete: SetNull)\n  userId "
                + "Int   @unique\n}\n";
        SchemaResult withPostgres = PrismaSchema.parse("schema.prisma", HEADER + models);
        assertFalse(withPostgres.hasErrors());
        assertEquals(
                1,
                withPostgres.warnings().stream()
                        .filter(w -> w.message().contains("SetNull"))
                        .count());
        rejected(
                models,
                "Error parsing attribute \"@relation\": The `onDelete` referential action of a relation "
                        + "must not "
                        + "be set to `SetNull` "
                        + "when a referenced field is required.\nEither choose another referential action, or make "
                        + "the "
                        + "referenced fields optional.",
                7,
                16);
    }

    @Test
    void formatterCompletesRelations() {
        assertEquals(
                "model User {\n  id     Int  @id\n  post   Post @relation(fields: [postId], references: "
                        + "[id])\n  "
                        + "postId Int\n}\n\n"
                        + "model Post {\n  id    Int    @id\n  users User[]\n}\n",
                SchemaFormatter.format("model User {\n  id Int @id\n  post Post\n}\n\nmodel Post {\n  id Int @id\n}\n")
                        .orElseThrow());
        String complete = "model User {\n  id    Int    @id\n  posts Post[]\n}\n\nmodel Post {\n  id     Int  @id\n"
                + "  user   User @relation(fields: [userId], references: [id])\n  userId Int\n}\n";
        assertEquals(complete, SchemaFormatter.format(complete).orElseThrow());
    }

    @Test
    void formatterCompletesRelationsAcrossFiles() {
        Map<String, String> formatted = SchemaFormatter.format(List.of(
                new SourceFile("user.prisma", "model User {\n  id Int @id\n  posts Post[]\n}\n"),
                new SourceFile("post.prisma", "model Post {\n  id Int @id\n}\n")));
        assertEquals("model User {\n  id    Int    @id\n  posts Post[]\n}\n", formatted.get("user.prisma"));
        assertEquals(
                "model Post {\n  id     Int   @id\n  user   User? @relation(fields: [userId], references: "
                        + "[id])\n  "
                        + "userId Int?\n}\n",
                formatted.get("post.prisma"));
    }

    @Test
    void rendererShowsTheLineAfter() {
        SchemaResult result = PrismaSchema.parse("schema.prisma", HEADER + "model A {\n  id Int @id\n  b Foo\n}\n");
        assertEquals(
                "error: Type \"Foo\" is neither a built-in type, nor refers to another model, composite "
                        + "type, or "
                        + "enum.\n"
                        + "  -->  schema.prisma:7:5\n   | \n 6 |   id Int @id\n 7 |   b Foo\n   |     ^^^\n 8 | }\n  "
                        + " | \n",
                DiagnosticRenderer.render(result.errors().get(0)));
    }
}
