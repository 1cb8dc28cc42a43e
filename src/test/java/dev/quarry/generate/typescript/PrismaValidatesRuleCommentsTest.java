package dev.quarry.generate.typescript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.schema.PrismaSchema;
import dev.quarry.schema.SchemaResult;
import dev.quarry.schema.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Prisma 7's own {@code prisma validate} (the CLI of src/test/drop-in, installed as PrismaDropInTest installs it)
 * accepts the data rules and soft delete written in {@code ///} comments, the form that keeps a schema Prisma's:
 * every field rule, {@code @@validate}, {@code @@check} and {@code @deletedAt}, beside a partial unique index. The
 * same rules as attributes are refused, which is why the comment form exists; Quarry reads every rule of the
 * comments.
 */
class PrismaValidatesRuleCommentsTest {

    private static final Map<String, String> OFFLINE = Map.of(
            "PRISMA_SCHEMA_ENGINE_BINARY", "/bin/true", "PRISMA_HIDE_UPDATE_MESSAGE", "1", "CHECKPOINT_DISABLE", "1");

    private static final String COMMENTS = """
            generator client {
              provider        = "prisma-client"
              output          = "./generated"
              previewFeatures = ["partialIndexes"]
            }

            datasource db {
              provider = "postgresql"
            }

            /// @@validate(low <= high && length(name) > 1, "low must not exceed high")
            /// @@check(expression: "\\"low\\" IS NULL OR \\"high\\" IS NOT NULL", name: "User_high_with_low_check")
            model User {
              id        Int       @id
              /// @email
              email     String
              name      String    /// @length(2, 5)
              /// @length(min: 1)
              /// @startsWith("ab")
              /// @endsWith("yz")
              code      String?
              /// @contains("-")
              /// @regex("^[a-z-]+$")
              tag       String?
              site      String?   /// @url
              /// @gte(18)
              /// @lt(130)
              age       Int?
              /// @gt(0.5)
              /// @lte(10)
              score     Float?
              low       Int?
              high      Int?
              /// @deletedAt
              deletedAt DateTime?

              @@unique([email], where: { deletedAt: null })
            }
            """;

    @Test
    void prismaAcceptsTheCommentFormsAndRefusesTheAttributes() throws Exception {
        SchemaResult quarry = PrismaSchema.parse("comments.prisma", COMMENTS);
        assertTrue(
                quarry.schema().isPresent() && !quarry.hasErrors(),
                quarry.errors().toString());
        Model user = quarry.schema().get().model("User");
        assertEquals(
                14, user.rules().size(), "Quarry reads the 12 field rules, @@validate and @@check: " + user.rules());
        assertTrue(user.softDeleteField().isPresent());

        TypedClientProject.requireNode();
        TypedClientProject.copyTree(PrismaDropInTest.SOURCE, PrismaDropInTest.COPY);
        TypedClientProject.install(PrismaDropInTest.COPY);
        Path folder = Files.createDirectories(PrismaDropInTest.COPY.resolve("rules"));

        Files.writeString(folder.resolve("comments.prisma"), COMMENTS);
        assertEquals(
                0,
                TypedClientProject.run(
                        PrismaDropInTest.COPY,
                        OFFLINE,
                        "npx",
                        "prisma",
                        "validate",
                        "--schema",
                        "rules/comments.prisma"),
                "prisma validate accepts every rule in /// comments (output above)");

        String attributes = COMMENTS.replace("  email     String\n", "  email     String @email\n");
        Files.writeString(folder.resolve("attributes.prisma"), attributes);
        String refused = TypedClientProject.output(
                PrismaDropInTest.COPY,
                OFFLINE,
                "sh",
                "-c",
                "npx prisma validate --schema rules/attributes.prisma 2>&1; echo \"exit $?\"");
        assertTrue(
                refused.contains("Attribute not known: \"@email\"")
                        && refused.strip().endsWith("exit 1"),
                refused);
    }
}
