package dev.quarry.policy;

import dev.quarry.migrate.Migrations;
import dev.quarry.testsupport.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rules → policy SQL without a database: each schema's from-empty migration (tables, row-level security, one
 * policy per rule and operation, the privileges of the declared roles, a join table's policies) against its golden
 * file in {@code golden/policy/}.
 */
class PolicyGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"blog-policies", "schema-with-policies", "tagged-posts"})
    void migrationFromEmptyIsTheGoldenSql(String name) throws Exception {
        String schema = PolicyDatabaseTest.resource("policies/" + name + ".prisma");
        Golden.assertMatches("policy/" + name + ".sql", Migrations.createScript(PolicyDatabaseTest.schema(schema)));
    }
}
