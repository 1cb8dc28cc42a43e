package dev.quarry.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.migrate.Migrations;
import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.schema.PrismaSchema;
import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The blog's rules as {@code @@allow} policies in the schema ({@code policies/schema-with-policies.prisma}),
 * migrated by Quarry's own from-empty migration: the same scenario as {@link HandWrittenPoliciesTest}, with no SQL
 * of its own. The migration grants the tables to the roles the schema declares ({@code /// @@policies(roles: …)})
 * and lets row-level security decide, so two answers differ from the hand-written GRANTs: an anonymous edit of a
 * published post finds no row (404), and a user's new user is refused by the policies rather than by a missing
 * privilege.
 */
@QuarkusTest
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "policies/schema-with-policies.prisma"),
            @ResourceArg(name = "purpose", value = "schema-policies")
        })
@WithTestResource(value = JwtMode.class, initArgs = @ResourceArg(name = "anonymous-role", value = "quarry_anon"))
class SchemaPoliciesTest extends RowLevelSecurityScenario {

    @Override
    protected void installRules(DatabaseUrl database) {
        // the migration that created the tables also enabled row-level security, created the policies and granted
        // the tables
    }

    @Override
    protected int anonymousEditOfAPublishedPost() {
        return 404;
    }

    @Override
    protected String aUserCreatingAUserIsRefusedFor() {
        return "row-level-security";
    }

    /**
     * The rules above come from this SQL, text for text: row-level security, one policy per rule and operation,
     * tables granted to the declared roles.
     */
    @Test
    void theSchemaMigratesToTheExpectedSql() {
        String migration = Migrations.createScript(
                PrismaSchema.parse("schema.prisma", BlogDatabase.resource("policies/schema-with-policies.prisma"))
                        .schema()
                        .orElseThrow());
        assertEquals(BlogDatabase.resource("golden/policy/schema-with-policies.sql"), migration);
    }
}
