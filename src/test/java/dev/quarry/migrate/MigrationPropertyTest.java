package dev.quarry.migrate;

import static dev.quarry.schema.model.Identifiers.quote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.database.DatabaseShape;
import dev.quarry.database.DbTable;
import dev.quarry.database.DbView;
import dev.quarry.database.PgDescriber;
import dev.quarry.database.ShapeCalculator;
import dev.quarry.migrate.diff.DiffResult;
import dev.quarry.migrate.diff.ShapeDiffer;
import dev.quarry.migrate.render.MigrationScript;
import dev.quarry.migrate.render.PostgresRenderer;
import dev.quarry.migrate.step.MigrationStep;
import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.schema.PrismaSchema;
import dev.quarry.schema.SchemaResult;
import dev.quarry.schema.model.Schema;
import dev.quarry.testsupport.TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Step order, by property: for seeded random pairs of schemas over the same names (so that tables, columns, enums
 * and their values, relations, indexes, uniques, defaults and row-level policies are added, changed and removed
 * between the two, and the first database has views made by hand over its tables), the first schema's database
 * migrated to the second applies, a second diff finds nothing, and the undo script (the diff back, as
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
        long viewSteps = 0;
        long policySteps = 0;
        try (Connection connection = TestServer.connect(database)) {
            for (int pair = 0; pair < PAIRS; pair++) {
                String first = randomSchema(random);
                String second = randomSchema(random);
                DatabaseShape previous = ShapeCalculator.calculate(parse(first), "public");
                DatabaseShape next = ShapeCalculator.calculate(parse(second), "public");
                String views = randomViews(random, previous);
                try {
                    reset(connection);
                    SqlScripts.executeInTransaction(connection, Migrations.createScript(parse(first)));
                    SqlScripts.executeInTransaction(connection, views);
                    DatabaseShape created = describe(connection);
                    DiffResult up = ShapeDiffer.diff(created, next);
                    steps += up.steps().size();
                    viewSteps += up.steps().stream()
                            .filter(s -> s instanceof MigrationStep.DropView || s instanceof MigrationStep.CreateView)
                            .count();
                    policySteps += up.steps().stream()
                            .filter(s ->
                                    s instanceof MigrationStep.DropPolicy || s instanceof MigrationStep.CreatePolicy)
                            .count();
                    SqlScripts.executeInTransaction(
                            connection, MigrationScript.render(up.steps(), List.of(), renderer));
                    DiffResult again = ShapeDiffer.diff(describe(connection), next);
                    if (!again.isEmpty()) {
                        failures.add("pair " + pair + ": a second diff finds "
                                + MigrationScript.render(again.steps(), List.of(), renderer));
                        continue;
                    }
                    // as migrate dev writes the undo script: towards the migrations replayed, the hand-made views
                    // included
                    DiffResult down = ShapeDiffer.diff(next, withViews(previous, created.views()));
                    SqlScripts.executeInTransaction(
                            connection, MigrationScript.render(down.steps(), List.of(), renderer));
                    DatabaseShape undone = describe(connection);
                    DiffResult back = ShapeDiffer.diff(undone, previous);
                    if (!back.isEmpty()) {
                        failures.add("pair " + pair + ": after the undo script, a diff finds "
                                + MigrationScript.render(back.steps(), List.of(), renderer));
                    } else if (!undone.views().equals(created.views())) {
                        failures.add("pair " + pair + ": after the undo script, the views are " + undone.views()
                                + ", not " + created.views());
                    }
                } catch (SQLException e) {
                    failures.add("pair " + pair + ": "
                            + e.getMessage().lines().findFirst().orElse("") + "\n--- from\n" + first + views
                            + "\n--- to\n" + second);
                }
            }
        }
        System.out.printf(
                "Migration property: %d pairs (seed %d), %d steps up (%d of views, %d of policies), %d " + "failures%n",
                PAIRS, SEED, steps, viewSteps, policySteps, failures.size());
        assertEquals(List.of(), failures);
        assertTrue(viewSteps > 0 && policySteps > 0, "the pairs exercise views and policies");
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
        SchemaResult result =
                PrismaSchema.parse("schema.prisma", "datasource db {\n  provider = \"postgresql\"\n}\n\n" + models);
        if (result.hasErrors()) {
            throw new IllegalStateException(
                    "the generator wrote an invalid schema: " + result.errors() + "\n" + models);
        }
        return result.schema().orElseThrow();
    }

    /**
     * Views made by hand, as a user adds them with {@code --create-only}: over the key of some models (which every
     * schema keeps) and over another view, so that changing or dropping a model means dropping its views around it.
     */
    private static String randomViews(Random random, DatabaseShape shape) {
        StringBuilder sql = new StringBuilder();
        for (DbTable table : shape.tables()) {
            if (random.nextBoolean()) {
                String view = quote("V_" + table.name());
                String column = table.columns()
                        .get(random.nextInt(table.columns().size()))
                        .name();
                String what = random.nextBoolean() ? "id" : "id, " + quote(column) + " IS NULL AS empty";
                sql.append("CREATE VIEW ")
                        .append(view)
                        .append(" AS SELECT ")
                        .append(what)
                        .append(" FROM ")
                        .append(quote(table.name()))
                        .append(";\n");
                if (random.nextInt(3) == 0) {
                    sql.append("CREATE VIEW ")
                            .append(quote("W_" + table.name()))
                            .append(" AS SELECT id FROM ")
                            .append(view)
                            .append(";\n");
                }
            }
        }
        return sql.toString();
    }

    private static DatabaseShape withViews(DatabaseShape shape, List<DbView> views) {
        return new DatabaseShape(
                shape.namespaces(),
                shape.extensions(),
                shape.enums(),
                shape.tables(),
                shape.sequences(),
                views,
                shape.security());
    }

    private static final String[] TYPES = {
        "String", "Int", "BigInt", "Boolean", "Float", "DateTime", "Decimal", "Json", "String[]", "E0", "E1"
    };
    private static final String[] VALUES = {"a", "b", "c", "d"};
    private static final String[] OPERATIONS = {"read", "all", "create,update", "delete"};

    /**
     * Up to four models {@code M0..M3} and two enums {@code E0, E1}, each present or not; fields {@code f0..f4} of
     * a random type, arity and default, some unique or indexed; a relation from a model to each earlier one,
     * optional or required; up to two {@code @@allow}/{@code @@deny} rules over its fields.
     */
    private static String randomSchema(Random random) {
        StringBuilder text = new StringBuilder();
        Map<String, List<String>> enums = new HashMap<>();
        for (int e = 0; e < 2; e++) {
            List<String> values = new ArrayList<>();
            for (String value : VALUES) {
                if (random.nextInt(3) > 0) {
                    values.add(value);
                }
            }
            if (random.nextInt(5) > 1 && !values.isEmpty()) {
                enums.put("E" + e, values);
                text.append("enum E")
                        .append(e)
                        .append(" {\n  ")
                        .append(String.join("\n  ", values))
                        .append("\n}\n");
            }
        }
        boolean[] present = new boolean[4];
        List<String> conditions = new ArrayList<>();
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
                    field += type.startsWith("E")
                            ? " @default("
                                    + enums.get(type)
                                            .get(random.nextInt(enums.get(type).size())) + ")"
                            : defaultFor(type, random);
                }
                if (!list && !type.equals("Json") && random.nextInt(7) == 0) {
                    field += " @unique";
                } else if (!list && !type.equals("Json") && random.nextInt(6) == 0) {
                    own.add("@@index([f" + f + "])");
                }
                own.add(field);
                if (!list && List.of("Int", "BigInt", "String", "Boolean").contains(type)) {
                    conditions.add(condition("f" + f, type));
                }
            }
            // row-level policies over the model's fields: a column a policy reads cannot be dropped or retyped
            // under it
            int policies = random.nextInt(3);
            for (int p = 0; p < policies; p++) {
                String condition = conditions.isEmpty() || random.nextInt(4) == 0
                        ? "auth().id == id"
                        : conditions.get(random.nextInt(conditions.size()));
                own.add((random.nextInt(3) == 0 ? "@@deny('" : "@@allow('")
                        + OPERATIONS[random.nextInt(OPERATIONS.length)] + "', " + condition + ")");
            }
            conditions.clear();
            for (int t = 0; t < m; t++) {
                if (!present[t] || random.nextInt(5) < 3) {
                    continue;
                }
                boolean optional = random.nextBoolean();
                String action = optional && random.nextInt(3) == 0 ? ", onDelete: Cascade" : "";
                own.add("r" + t + " M" + t + (optional ? "?" : "") + " @relation(fields: [ref" + t
                        + "], references: [id]" + action + ")");
                own.add("ref" + t + " Int" + (optional ? "?" : ""));
                fields.get(t).add("back" + m + " M" + m + "[]");
            }
        }
        for (int m = 0; m < 4; m++) {
            if (present[m]) {
                text.append("model M").append(m).append(" {\n");
                fields.get(m).stream()
                        .sorted((a, b) -> Boolean.compare(a.startsWith("@@"), b.startsWith("@@")))
                        .forEach(f -> text.append("  ").append(f).append('\n'));
                text.append("}\n");
            }
        }
        return text.toString();
    }

    private static String condition(String field, String type) {
        return switch (type) {
            case "Int", "BigInt" -> field + " > 3";
            case "String" -> field + " != 'x'";
            default -> field;
        };
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
