package dev.quarry.security;

import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.testsupport.FreshDatabase;
import dev.quarry.testsupport.TestServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The blog's rules as hand-written SQL ({@code security/blog-policies.sql}): GRANTs and row-level security
 * policies.
 */
@QuarkusTest
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "schema.prisma"),
            @ResourceArg(name = "purpose", value = "hand-written-policies")
        })
@WithTestResource(value = JwtMode.class, initArgs = @ResourceArg(name = "anonymous-role", value = "quarry_anon"))
class HandWrittenPoliciesTest extends RowLevelSecurityScenario {

    @Override
    protected void installRules(DatabaseUrl database) {
        TestServer.execute(database, BlogDatabase.resource("security/blog-policies.sql"));
    }
}
