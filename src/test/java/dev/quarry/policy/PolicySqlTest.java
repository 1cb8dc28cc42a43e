package dev.quarry.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.database.DatabaseShape;
import dev.quarry.database.DbPolicy;
import dev.quarry.database.DbTableSecurity;
import dev.quarry.database.ShapeCalculator;
import dev.quarry.migrate.Migrations;
import dev.quarry.migrate.diff.Renames;
import dev.quarry.migrate.diff.ShapeDiffer;
import dev.quarry.migrate.step.MigrationStep;
import dev.quarry.schema.format.SchemaFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What each form of condition compiles to, how a removed rule is undone, and that the formatter keeps the rules.
 */
class PolicySqlTest {

    private static final String CLAIMS = "nullif(current_setting('request.jwt.claims', true), '')::jsonb";

    private static final String SCHEMA = """
            datasource db {
              provider = "postgresql"
              url      = env("DATABASE_URL")
              /// @@policies(roles: ["quarry_user"])
            }

            enum Status {
              DRAFT
              LIVE   @map("live")
            }

            model Team {
              id      String   @id @db.Uuid
              members Member[]
              %s
            }

            model Member {
              id     Int    @id
              name   String
              status Status
              score  Float
              team   Team   @relation(fields: [teamId], references: [id])
              teamId String @db.Uuid
              %s
            }
            """;

    /** The USING (or, for 'create', WITH CHECK) expression of the one policy a rule gives. */
    private static String compiled(String teamRule, String memberRule) {
        DatabaseShape shape =
                ShapeCalculator.calculate(PolicyDatabaseTest.schema(SCHEMA.formatted(teamRule, memberRule)), "public");
        List<DbPolicy> policies =
                shape.security().stream().flatMap(s -> s.policies().stream()).toList();
        assertEquals(1, policies.size(), policies::toString);
        return policies.get(0)
                .using()
                .or(() -> policies.get(0).withCheck())
                .orElseThrow()
                .text();
    }

    private static String member(String rule) {
        return compiled("", rule);
    }

    @Test
    void literalsFieldsAndOperators() {
        assertEquals(
                "(\"status\" = 'live') AND (\"score\" >= 1.5)",
                member("@@allow('read', status == LIVE && score >= 1.5)"));
        assertEquals("\"status\" IN ('DRAFT', 'live')", member("@@allow('read', status in [DRAFT, LIVE])"));
        assertEquals("NOT (\"name\" <> 'x')", member("@@allow('read', !(name != 'x'))"));
        assertEquals("\"name\" = 'it''s'", member("@@allow('read', name == \"it's\")"));
    }

    @Test
    void claimsTakeTheTypeOfWhatTheyAreComparedWith() {
        assertEquals(
                "(" + CLAIMS + " ->> 'team')::UUID = \"teamId\"", member("@@allow('read', auth().team == teamId)"));
        assertEquals(
                "(" + CLAIMS + " ->> 'status')::\"Status\" = \"status\"",
                member("@@allow('read', auth().status == status)"));
        assertEquals("(" + CLAIMS + " ->> 'level')::numeric > 3", member("@@allow('read', auth().level > 3)"));
        assertEquals(
                "(" + CLAIMS + " #>> '{org,name}') = \"name\"", member("@@allow('read', auth().org.name == name)"));
        assertEquals("(" + CLAIMS + " ->> 'admin')::boolean", member("@@allow('read', auth().admin)"));
        assertEquals("(" + CLAIMS + " ->> 'id') IS NOT NULL", member("@@allow('read', auth() != null)"));
        assertEquals(
                "current_user IN ('a', 'b')",
                member("@@allow('read', auth().role in ['a', 'b'])"),
                "the role the request runs as");
        assertEquals("current_user = 'a'", member("@@allow('read', auth().role == 'a')"));
    }

    @Test
    void relationsAreExistsSubqueries() {
        assertEquals(
                "EXISTS (SELECT 1 FROM \"Team\" AS \"r1\" WHERE \"r1\".\"id\" = \"Member\".\"teamId\" AND "
                        + "(\"r1\".\"id\" = ("
                        + CLAIMS + " ->> 'team')::UUID))",
                member("@@allow('read', team.id == auth().team)"));
        assertEquals(
                "EXISTS (SELECT 1 FROM \"Member\" AS \"r1\" WHERE \"r1\".\"teamId\" = \"Team\".\"id\" AND "
                        + "(\"r1\".\"name\" = 'x'))",
                compiled("@@allow('read', members?[name == 'x'])", ""));
        assertEquals(
                "NOT EXISTS (SELECT 1 FROM \"Member\" AS \"r1\" WHERE \"r1\".\"teamId\" = \"Team\".\"id\" "
                        + "AND NOT "
                        + "(\"r1\".\"score\" > 0))",
                compiled("@@allow('read', members![score > 0])", ""));
        assertEquals(
                "NOT EXISTS (SELECT 1 FROM \"Member\" AS \"r1\" WHERE \"r1\".\"teamId\" = \"Team\".\"id\" "
                        + "AND "
                        + "(\"r1\".\"status\" = 'DRAFT'))",
                compiled("@@allow('read', members^[status == DRAFT])", ""));
    }

    @Test
    void denyIsRestrictiveAndNegated() {
        DatabaseShape shape = ShapeCalculator.calculate(
                PolicyDatabaseTest.schema(SCHEMA.formatted("", "@@deny('update', future().score < 0)")), "public");
        DbPolicy policy =
                shape.findSecurity("public", "Member").orElseThrow().policies().get(0);
        assertEquals("deny_update_1", policy.name());
        assertEquals(false, policy.permissive());
        assertEquals("true", policy.using().orElseThrow().text());
        assertEquals("NOT (\"score\" < 0)", policy.withCheck().orElseThrow().text());
    }

    @Test
    void rulesInCommentsAreTheSameRules() {
        String attribute = ShapeCalculator.calculate(
                        PolicyDatabaseTest.schema(SCHEMA.formatted("", "@@allow('read', score > 0)")), "public")
                .security()
                .toString();
        String comment = ShapeCalculator.calculate(
                        PolicyDatabaseTest.schema(SCHEMA.formatted("", "/// @@allow('read', score > 0)")), "public")
                .security()
                .toString();
        assertEquals(attribute, comment);
    }

    @Test
    void removingEveryRuleUndoesRowLevelSecurity() {
        DatabaseShape previous = ShapeCalculator.calculate(
                PolicyDatabaseTest.schema(SCHEMA.formatted("", "@@allow('read', score > 0)")), "public");
        DatabaseShape next = ShapeCalculator.calculate(PolicyDatabaseTest.schema(SCHEMA.formatted("", "")), "public");
        assertEquals("""
                -- DropPolicy
                DROP POLICY "allow_read_1" ON "Member";

                -- DisableRowLevelSecurity
                ALTER TABLE "Member" DISABLE ROW LEVEL SECURITY;

                -- RevokePrivileges
                REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLE "Member" FROM "quarry_user";
                """, Migrations.script(previous, next, Renames.none(), "public"));
        assertTrue(ShapeDiffer.diff(next, next).isEmpty());
        assertEquals(
                List.of(), next.security().stream().map(DbTableSecurity::table).toList());
    }

    @Test
    void policiesReadingAnAlteredTableAreDroppedAroundTheChange() throws Exception {
        String blog = PolicyDatabaseTest.resource(PolicyDatabaseTest.SCHEMA);
        DatabaseShape previous = ShapeCalculator.calculate(PolicyDatabaseTest.schema(blog), "public");
        DatabaseShape next = ShapeCalculator.calculate(
                PolicyDatabaseTest.schema(blog.replace("published Boolean @default(false)", "published Int @default(0)")
                        .replace("published ||", "published > 0 ||")
                        .replace("published &&", "published > 0 &&")
                        .replace("posts?[published]", "posts?[published > 0]")),
                "public");
        List<String> steps = ShapeDiffer.diff(previous, next).steps().stream()
                .map(step -> step instanceof MigrationStep.DropPolicy drop
                        ? "drop " + drop.table().name() + "." + drop.policy().name()
                        : step instanceof MigrationStep.CreatePolicy create
                                ? "create " + create.table().name() + "."
                                        + create.policy().name()
                                : step.description())
                .toList();
        List<String> postPolicies = List.of(
                "allow_read_1",
                "allow_create_1",
                "allow_delete_1",
                "allow_update_1",
                "allow_create_2",
                "allow_read_2",
                "allow_update_2",
                "allow_delete_2",
                "deny_delete_1");
        List<String> expected = new ArrayList<>(List.of("drop User.allow_read_1"));
        postPolicies.stream().sorted().map(p -> "drop Post." + p).forEach(expected::add);
        expected.add("AlterTable");
        expected.add("create User.allow_read_1");
        postPolicies.stream().map(p -> "create Post." + p).forEach(expected::add);
        assertEquals(
                expected.stream().sorted().toList(), steps.stream().sorted().toList());
        assertEquals("AlterTable", steps.get(10), steps.toString());
    }

    @Test
    void theFormatterKeepsTheRules() throws Exception {
        String blog = PolicyDatabaseTest.resource(PolicyDatabaseTest.SCHEMA);
        String formatted = SchemaFormatter.format(blog).orElseThrow();
        assertEquals(formatted, SchemaFormatter.format(formatted).orElseThrow());
        for (String rule : List.of(
                "@@allow('read', posts?[published] || auth().id == id)",
                "/// @@allow('read', published || auth().id == authorId)",
                "@@allow('update', auth().id == authorId && future().authorId == auth().id)",
                "@@deny('delete', published && auth().role != 'quarry_admin')",
                "  /// @@policies(roles: [\"quarry_anon\", \"quarry_user\", \"quarry_admin\"])\n}")) {
            assertTrue(formatted.contains(rule), rule + "\n" + formatted);
        }
        String field = SchemaFormatter.format(
                        "model A {\n  id Int @id\n  b String   @allow('read',   auth().role == 'x') "
                                + "@map(\"bb\")\n}\n")
                .orElseThrow();
        assertEquals(
                "model A {\n  id Int    @id\n  b  String @map(\"bb\") @allow('read',   auth().role == " + "'x')\n}\n",
                field);
    }

    @Test
    void theJoinTableOfARuledManyToManyFollowsBothSides() {
        String schema = """
                datasource db {
                  provider = "postgresql"
                  /// @@policies(roles: ["quarry_user"])
                }

                model Post {
                  id       Int    @id
                  authorId Int
                  tags     Tag[]
                  @@allow('read', true)
                  @@allow('update', auth().id == authorId)
                }

                model Tag {
                  id   Int    @id
                  posts Post[]
                  @@allow('read', true)
                }
                """;
        DbTableSecurity join = ShapeCalculator.calculate(PolicyDatabaseTest.schema(schema), "public")
                .findSecurity("public", "_PostToTag")
                .orElseThrow();
        String postVisible = "EXISTS (SELECT 1 FROM \"Post\" AS \"r1\" WHERE \"r1\".\"id\" = \"_PostToTag\".\"A\")";
        String tagVisible = "EXISTS (SELECT 1 FROM \"Tag\" AS \"r2\" WHERE \"r2\".\"id\" = \"_PostToTag\".\"B\")";
        String bothUpdatable =
                "EXISTS (SELECT 1 FROM \"Post\" AS \"r1\" WHERE \"r1\".\"id\" = \"_PostToTag\".\"A\" AND ((" + CLAIMS
                        + " ->> 'id')::INTEGER = \"r1\".\"authorId\")) AND EXISTS (SELECT 1 FROM \"Tag\" AS \"r2\" "
                        + "WHERE \"r2\".\"id\" = \"_PostToTag\".\"B\" AND (false))";
        assertEquals(
                List.of(
                        "allow_read_1 SELECT USING " + postVisible + " AND " + tagVisible,
                        "allow_create_1 INSERT CHECK " + bothUpdatable,
                        "allow_delete_1 DELETE USING " + bothUpdatable),
                join.policies().stream()
                        .map(p -> p.name() + " " + p.command()
                                + p.using().map(u -> " USING " + u.text()).orElse("")
                                + p.withCheck().map(c -> " CHECK " + c.text()).orElse(""))
                        .toList());
        assertEquals(
                List.of("SELECT", "INSERT", "DELETE"),
                join.grants().stream().map(g -> g.privilege() + "").toList(),
                "a link is never updated");
        assertEquals(
                List.of("quarry_user"),
                join.grants().stream().map(g -> g.grantee()).distinct().toList());
    }
}
