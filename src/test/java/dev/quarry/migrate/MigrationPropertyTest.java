package dev.quarry.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.database.DatabaseShape;
import dev.quarry.database.PgDescriber;
import dev.quarry.database.ShapeCalculator;
import dev.quarry.migrate.diff.DiffResult;
import dev.quarry.migrate.diff.ShapeDiffer;
import dev.quarry.migrate.render.MigrationScript;
import dev.quarry.migrate.render.PostgresRenderer;
import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.schema.PrismaSchema;
import dev.quarry.schema.SchemaResult;
import dev.quarry.schema.model.Schema;
import dev.quarry.testsupport.TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Step order, by property: for seeded random pairs of schemas over the same names (so that tables, columns, enums and
 * their values, relations, indexes, uniques and defaults are added, changed and removed between the two), the first
 * schema's database migrated to the second applies, a second diff finds nothing, and the undo script (the diff back, as
 * {@code migrate dev} writes it) applies and returns to the first shape.
 */
class MigrationPropertyTest {

    private static final long SEED = 26;
    private static final int PAIRS = 80;

    private static DatabaseUrl database;

    @BeforeAll
    static void createDatabase() {
        database = TestServer.createDatabase("migration_property");
    }

    @AfterAll
    static void dropDatabase() {
        TestServer.dropDatabase(database);
    }

    @Test
    void everyMigrationAppliesConvergesAndUndoes() throws SQLException {
        Random random = new Random(SEED);
        PostgresRenderer renderer = new PostgresRenderer("public");
        List<String> failures = new ArrayList<>();
        int steps = 0;
        try (Connection connection = TestServer.connect(database)) {
            for (int pair = 0; pair < PAIRS; pair++) {
                String first = randomSchema(random);
                String second = randomSchema(random);
                DatabaseShape previous = ShapeCalculator.calculate(parse(first), "public");
                DatabaseShape next = ShapeCalculator.calculate(parse(second), "public");
                try {
                    reset(connection);
                    SqlScripts.executeInTransaction(connection, Migrations.createScript(parse(first)));
                    DiffResult up = ShapeDiffer.diff(describe(connection), next);
                    steps += up.steps().size();
                    SqlScripts.executeInTransaction(connection, MigrationScript.render(up.steps(), List.of(), renderer));
                    DiffResult again = ShapeDiffer.diff(describe(connection), next);
                    if (!again.isEmpty()) {
                        failures.add("pair " + pair + ": a second diff finds " + MigrationScript.render(again.steps(), List.of(), renderer));
                        continue;
                    }
                    DiffResult down = ShapeDiffer.diff(next, previous);
                    SqlScripts.executeInTransaction(connection, MigrationScript.render(down.steps(), List.of(), renderer));
                    DiffResult back = ShapeDiffer.diff(describe(connection), previous);
                    if (!back.isEmpty()) {
                        failures.add("pair " + pair + ": after the undo script, a diff finds " + MigrationScript.render(back.steps(), List.of(), renderer));
                    }
                } catch (SQLException e) {
                    failures.add("pair " + pair + ": " + e.getMessage().lines().findFirst().orElse("") + "\n--- from\n" + first + "--- to\n" + second);
                }
            }
        }
        System.out.printf("Migration property: %d pairs (seed %d), %d steps up, %d failures%n", PAIRS, SEED, steps, failures.size());
        assertEquals(List.of(), failures);
    }

    private static void reset(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA public CASCADE");
            statement.execute("CREATE SCHEMA public");
        }
    }

    private static DatabaseShape describe(Connection connection) throws SQLException {
        return PgDescriber.describe(connection, List.of("public"));
    }

    private static Schema parse(String models) {
        SchemaResult result = PrismaSchema.parse("schema.prisma", "datasource db {\n  provider = \"postgresql\"\n}\n\n" + models);
        if (result.hasErrors()) {
            throw new IllegalStateException("the generator wrote an invalid schema: " + result.errors() + "\n" + models);
        }
        return result.schema().orElseThrow();
    }

    private static final String[] TYPES = {"String", "Int", "BigInt", "Boolean", "Float", "DateTime", "Decimal", "Json", "String[]", "E0", "E1"};
    private static final String[] VALUES = {"a", "b", "c", "d"};

    /**
     * Up to four models {@code M0..M3} and two enums {@code E0, E1}, each present or not; fields {@code f0..f4} of a random
     * type, arity and default, some unique or indexed; a relation from a model to each earlier one, optional or required.
     */
    private static String randomSchema(Random random) {
        StringBuilder text = new StringBuilder();
        java.util.Map<String, List<String>> enums = new java.util.HashMap<>();
        for (int e = 0; e < 2; e++) {
            List<String> values = new ArrayList<>();
            for (String value : VALUES) {
                if (random.nextInt(3) > 0) {
                    values.add(value);
                }
            }
            if (random.nextInt(5) > 1 && !values.isEmpty()) {
                enums.put("E" + e, values);
                text.append("enum E").append(e).append(" {\n  ").append(String.join("\n  ", values)).append("\n}\n");
            }
        }
        boolean[] present = new boolean[4];
        List<List<String>> fields = new ArrayList<>();
        for (int m = 0; m < 4; m++) {
            present[m] = random.nextInt(4) > 0;
            fields.add(new ArrayList<>());
        }
        for (int m = 0; m < 4; m++) {
            if (!present[m]) {
                continue;
            }
            List<String> own = fields.get(m);
            own.add("id Int @id @default(autoincrement())");
            for (int f = 0; f < 5; f++) {
                if (random.nextInt(5) < 2) {
                    continue;
                }
                String type = TYPES[random.nextInt(TYPES.length)];
                if (type.startsWith("E") && !enums.containsKey(type)) {
                    type = "String";
                }
                boolean list = type.endsWith("[]");
                boolean optional = !list && !type.equals("Json") && random.nextInt(3) == 0;
                String field = "f" + f + " " + type + (optional ? "?" : "");
                if (random.nextInt(5) < 2) {
                    field += type.startsWith("E") ? " @default(" + enums.get(type).get(random.nextInt(enums.get(type).size())) + ")" : defaultFor(type, random);
                }
                if (!list && !type.equals("Json") && random.nextInt(7) == 0) {
                    field += " @unique";
                } else if (!list && !type.equals("Json") && random.nextInt(6) == 0) {
                    own.add("@@index([f" + f + "])");
                }
                own.add(field);
            }
            for (int t = 0; t < m; t++) {
                if (!present[t] || random.nextInt(5) < 3) {
                    continue;
                }
                boolean optional = random.nextBoolean();
                String action = optional && random.nextInt(3) == 0 ? ", onDelete: Cascade" : "";
                own.add("r" + t + " M" + t + (optional ? "?" : "") + " @relation(fields: [ref" + t + "], references: [id]" + action + ")");
                own.add("ref" + t + " Int" + (optional ? "?" : ""));
                fields.get(t).add("back" + m + " M" + m + "[]");
            }
        }
        for (int m = 0; m < 4; m++) {
            if (present[m]) {
                text.append("model M").append(m).append(" {\n");
                fields.get(m).stream().sorted((a, b) -> Boolean.compare(a.startsWith("@@"), b.startsWith("@@")))
                        .forEach(f -> text.append("  ").append(f).append('\n'));
                text.append("}\n");
            }
        }
        return text.toString();
    }

    private static String defaultFor(String type, Random random) {
        return switch (type) {
            case "String" -> " @default(\"x" + random.nextInt(3) + "\")";
            case "Int", "BigInt" -> " @default(" + random.nextInt(10) + ")";
            case "Boolean" -> " @default(true)";
            case "Float" -> " @default(1.5)";
            case "DateTime" -> " @default(now())";
            case "Decimal" -> " @default(2.5)";
            case "Json" -> " @default(\"{}\")";
            case "String[]" -> " @default([\"x\"])";
            default -> "";
        };
    }
}
