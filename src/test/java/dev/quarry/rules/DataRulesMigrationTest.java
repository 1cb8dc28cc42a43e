package dev.quarry.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.database.DatabaseShape;
import dev.quarry.database.ShapeCalculator;
import dev.quarry.migrate.Migrations;
import dev.quarry.migrate.Migrator;
import dev.quarry.migrate.SqlScripts;
import dev.quarry.migrate.check.DestructiveChecks;
import dev.quarry.migrate.check.Warning;
import dev.quarry.migrate.diff.Renames;
import dev.quarry.migrate.diff.ShapeDiffer;
import dev.quarry.migrate.pull.SchemaWriter;
import dev.quarry.migrate.step.MigrationStep;
import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.schema.model.Schema;
import dev.quarry.testsupport.TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Data rules as CHECK constraints on a real database: PostgreSQL refuses what each rule refuses; a second diff, and
 * one after {@code db pull}, find nothing; a changed rule replaces only its constraint, a dropped one goes; a rule
 * added to a table whose rows break it is named with the count before anything runs.
 */
class DataRulesMigrationTest {

    private static final String DATASOURCE = "datasource db {\n  provider = \"postgresql\"\n}\n";

    @Test
    void postgresqlRefusesWhatEachRuleRefusesAndNothingIsLeftToMigrate() throws Exception {
        Schema schema = DataRulesSchemaTest.parse(DataRulesSchema.COMMENTS);
        DatabaseUrl database = TestServer.createDatabase("data_rules_sql");
        try {
            try (Connection connection = TestServer.connect(database);
                    Statement statement = connection.createStatement()) {
                SqlScripts.executeInTransaction(connection, Migrations.createScript(schema));
                String base = "INSERT INTO \"User\" (id, email, name) VALUES (%2$d, 'e@x.io', 'ann'); UPDATE \"User\" "
                        + "SET (%1$s) = ROW(%3$s) WHERE id = %2$d";
                String[][] cases = {
                    {"email", "'a@b.c'", "'a@b'"},
                    {"name", "'ab'", "'a'"},
                    {"name", "'abcde'", "'abcdef'"},
                    {"code", "'abyz'", "'xabyz'"},
                    {"code", "'abyz'", "'abyzx'"},
                    {"tag", "'-'", "'ab'"},
                    {"tag", "'a-b'", "'A-b'"},
                    {"site", "'https://x.io'", "'x.io'"},
                    {"age", "18", "17"},
                    {"age", "129", "130"},
                    {"score", "0.001", "0"},
                    {"score", "10", "10.001"},
                    {"low, high", "4, 4", "5, 4"},
                    {"low, high", "1, 2", "1, NULL"}
                };
                int id = 0;
                for (String[] c : cases) {
                    statement.execute(base.formatted(c[0], ++id, c[1]));
                    int rowId = ++id;
                    SQLException refused = assertThrows(
                            SQLException.class,
                            () -> statement.execute(base.formatted(c[0], rowId, c[2])),
                            c[0] + " = " + c[2]);
                    assertEquals("23514", refused.getSQLState(), c[0] + " = " + c[2]);
                }
            }
            DatabaseShape described = Migrator.describe(database);
            assertEquals(
                    13,
                    described.findTable("public", "User").orElseThrow().checks().size());
            assertEquals(
                    List.of(),
                    ShapeDiffer.diff(described, ShapeCalculator.calculate(schema, "public"))
                            .steps(),
                    "a second migrate dev");
            Schema attributes = DataRulesSchemaTest.parse(DataRulesSchema.ATTRIBUTES);
            assertEquals(
                    List.of(),
                    ShapeDiffer.diff(described, ShapeCalculator.calculate(attributes, "public"))
                            .steps(),
                    "attributes and comments alike");

            String pulled = SchemaWriter.write(described, DATASOURCE, "public");
            assertTrue(pulled.contains("  /// @email\n  email "), pulled);
            assertTrue(
                    pulled.contains("/// @@validate(low <= high, \"low must not exceed high\")\nmodel User {"), pulled);
            Schema pulledSchema = DataRulesSchemaTest.parse(pulled);
            assertEquals(
                    List.of(),
                    ShapeDiffer.diff(described, ShapeCalculator.calculate(pulledSchema, "public"))
                            .steps(),
                    "migrate dev after db pull");
        } finally {
            TestServer.dropDatabase(database);
        }
    }

    private static String product(String rules) {
        return DATASOURCE + """
                model Product {
                  id    Int    @id
                  name  String
                  price Int
                  %s
                }
                """.formatted(rules);
    }

    @Test
    void rulesAreAddedChangedAndDroppedOneConstraintAtATime() throws Exception {
        DatabaseUrl database = TestServer.createDatabase("data_rules_evolution");
        try {
            migrate(database, product(""));
            try (Connection connection = TestServer.connect(database);
                    Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO \"Product\" VALUES (1, 'a', 5), (2, 'bb', 0), (3, 'ccc', -2)");
            }
            Schema added = DataRulesSchemaTest.parse(
                    product("@@validate(length(name) >= 1)\n  /// @@check(expression: \"price < 1000\", name: "
                            + "\"Product_cap\")"));
            assertEquals(List.of("AddCheck Product_validate_1_check", "AddCheck Product_cap"), steps(database, added));
            migrate(database, added);

            Schema broken = DataRulesSchemaTest.parse(
                    product("@@validate(length(name) >= 1)\n  /// @@check(expression: \"price < 1000\", name: "
                                    + "\"Product_cap\")")
                            .replace("price Int", "price Int @gt(0)"));
            assertEquals(List.of("AddCheck Product_price_gt_check"), steps(database, broken));
            List<Warning> warnings = warnings(database, broken);
            assertEquals(
                    List.of("2 rows of the table `Product` break the rule `@gt(0)` (constraint "
                            + "`Product_price_gt_check`): "
                            + "it cannot be added. Fix those rows first, or run with --create-only and add "
                            + "it with NOT VALID (existing rows unchecked)."),
                    warnings.stream().map(Warning::message).toList());
            assertTrue(warnings.get(0).unexecutable());

            Schema changed = DataRulesSchemaTest.parse(
                    product("@@validate(length(name) >= 2)\n  /// @@check(expression: \"price < 1000\", name: "
                            + "\"Product_cap\")"));
            assertEquals(
                    List.of("DropCheck Product_validate_1_check", "AddCheck Product_validate_1_check"),
                    steps(database, changed),
                    "a changed rule replaces its constraint only");
            try (Connection connection = TestServer.connect(database);
                    Statement statement = connection.createStatement()) {
                statement.execute("DELETE FROM \"Product\" WHERE id = 1");
            }
            migrate(database, changed);

            Schema dropped = DataRulesSchemaTest.parse(product("@@validate(length(name) >= 2)"));
            assertEquals(List.of("DropCheck Product_cap"), steps(database, dropped));
            migrate(database, dropped);
            try (Connection connection = TestServer.connect(database);
                    Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO \"Product\" VALUES (9, 'zz', 5000)");
                assertEquals(
                        "23514",
                        assertThrows(
                                        SQLException.class,
                                        () -> statement.execute("INSERT INTO \"Product\" VALUES (10, 'z', 1)"))
                                .getSQLState());
            }
            assertEquals(List.of(), steps(database, dropped));
        } finally {
            TestServer.dropDatabase(database);
        }
    }

    @Test
    void aCheckQuarryDidNotMakeIsPulledAsRawCheckAndLeftAlone() throws Exception {
        DatabaseUrl database = TestServer.createDatabase("data_rules_foreign");
        try {
            migrate(database, product(""));
            try (Connection connection = TestServer.connect(database);
                    Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE \"Product\" ADD CONSTRAINT by_hand CHECK (price >= 0)");
            }
            DatabaseShape described = Migrator.describe(database);
            String pulled = SchemaWriter.write(described, DATASOURCE, "public");
            assertTrue(
                    pulled.contains("/// @@check(expression: \"(price >= 0)\", name: \"by_hand\")\nmodel Product {"),
                    pulled);
            assertEquals(List.of(), steps(database, DataRulesSchemaTest.parse(pulled)), "migrate dev after db pull");
            assertEquals(List.of(), steps(database, DataRulesSchemaTest.parse(product(""))), "not Quarry's to drop");
        } finally {
            TestServer.dropDatabase(database);
        }
    }

    private static void migrate(DatabaseUrl database, String schema) throws Exception {
        migrate(database, DataRulesSchemaTest.parse(schema));
    }

    private static void migrate(DatabaseUrl database, Schema schema) throws Exception {
        String script = Migrations.script(
                Migrator.describe(database), ShapeCalculator.calculate(schema, "public"), Renames.none(), "public");
        try (Connection connection = TestServer.connect(database)) {
            SqlScripts.executeInTransaction(connection, script);
        }
    }

    private static List<String> steps(DatabaseUrl database, Schema schema) throws Exception {
        return ShapeDiffer.diff(Migrator.describe(database), ShapeCalculator.calculate(schema, "public"))
                .steps()
                .stream()
                .map(s -> s.description() + " "
                        + (s instanceof MigrationStep.AddCheck a
                                ? a.check().name()
                                : s instanceof MigrationStep.DropCheck d
                                        ? d.check().name()
                                        : ""))
                .toList();
    }

    private static List<Warning> warnings(DatabaseUrl database, Schema schema) throws Exception {
        List<MigrationStep> steps = ShapeDiffer.diff(
                        Migrator.describe(database), ShapeCalculator.calculate(schema, "public"))
                .steps();
        try (Connection connection = TestServer.connect(database)) {
            return DestructiveChecks.check(steps, Optional.of(connection));
        }
    }
}
