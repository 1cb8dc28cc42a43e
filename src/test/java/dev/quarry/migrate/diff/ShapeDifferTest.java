package dev.quarry.migrate.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.database.DatabaseShape;
import dev.quarry.database.ShapeCalculator;
import dev.quarry.migrate.step.MigrationStep;
import dev.quarry.schema.PrismaSchema;
import dev.quarry.schema.SchemaResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Shapes → migration steps, without a database: which steps {@link ShapeDiffer} lists between two schemas' shapes,
 * in Prisma's order ({@link MigrationStep#phase()}).
 */
class ShapeDifferTest {

    private static final String HEADER = """
            datasource db {
              provider = "postgresql"
              url      = env("DATABASE_URL")
            }
            """;

    private static final String USER = """
            model User {
              id    Int    @id @default(autoincrement())
              email String @unique
            }
            """;

    private static DatabaseShape shape(String models) {
        SchemaResult result = PrismaSchema.parse("schema.prisma", HEADER + models);
        assertTrue(!result.hasErrors(), () -> result.errors().toString());
        return ShapeCalculator.calculate(result.schema().orElseThrow(), "public");
    }

    private static List<String> steps(String previous, String next) {
        return steps(previous, next, Renames.none());
    }

    private static List<String> steps(String previous, String next, Renames renames) {
        return ShapeDiffer.diff(shape(previous), shape(next), renames).steps().stream()
                .map(s -> s.getClass().getSimpleName())
                .toList();
    }

    @Test
    void sameShapeNoSteps() {
        assertTrue(ShapeDiffer.diff(shape(USER), shape(USER)).isEmpty());
    }

    @Test
    void aNewModelIsATableThenItsIndexes() {
        assertEquals(List.of("CreateTable", "CreateIndex"), steps("", USER));
    }

    @Test
    void aDroppedModelIsADroppedTable() {
        assertEquals(List.of("DropTable"), steps(USER, ""));
    }

    @Test
    void aNewFieldAltersTheTable() {
        assertEquals(
                List.of("AlterTable"),
                steps(USER, USER.replace("email String @unique", "email String @unique\n  name String?")));
    }

    @Test
    void aRelationAddsTheForeignKeyAfterTheTableAndItsIndexes() {
        String posts = USER.replace("email String @unique", "email String @unique\n  posts Post[]") + """
                model Post {
                  id       Int  @id @default(autoincrement())
                  author   User @relation(fields: [authorId], references: [id])
                  authorId Int

                  @@index([authorId])
                }
                """;
        assertEquals(List.of("CreateTable", "CreateIndex", "AddForeignKey"), steps(USER, posts));
    }

    @Test
    void anEnumComesBeforeTheTableThatUsesIt() {
        String withRole = USER.replace("email String @unique", "email String @unique\n  role Role @default(MEMBER)")
                + "enum Role {\n  MEMBER\n  ADMIN\n}\n";
        assertEquals(List.of("CreateEnum", "AlterTable"), steps(USER, withRole));
    }

    @Test
    void aRenamedTableIsARenameNotADropAndCreate() {
        String account = USER.replace("model User {", "model Account {");
        assertEquals(List.of("CreateTable", "DropTable", "CreateIndex"), steps(USER, account));
        List<String> renamed = steps(USER, account, new Renames(Map.of("User", "Account"), Map.of()));
        assertTrue(renamed.contains("RenameTable"), renamed::toString);
        assertTrue(!renamed.contains("DropTable"), renamed::toString);
    }

    @Test
    void stepsRunInPhaseOrder() {
        String posts = USER.replace("email String @unique", "email String @unique\n  posts Post[]") + """
                model Post {
                  id       Int  @id @default(autoincrement())
                  author   User @relation(fields: [authorId], references: [id])
                  authorId Int
                }
                """;
        List<Integer> phases = ShapeDiffer.diff(shape(USER), shape(posts)).steps().stream()
                .map(MigrationStep::phase)
                .toList();
        assertEquals(phases.stream().sorted().toList(), phases);
    }
}
