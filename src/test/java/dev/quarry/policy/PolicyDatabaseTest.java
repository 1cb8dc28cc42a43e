package dev.quarry.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.database.DatabaseShape;
import dev.quarry.database.ShapeCalculator;
import dev.quarry.migrate.Migrations;
import dev.quarry.migrate.MigrationsFolder;
import dev.quarry.migrate.Migrator;
import dev.quarry.migrate.Prompt;
import dev.quarry.migrate.diff.Renames;
import dev.quarry.migrate.diff.ShapeDiffer;
import dev.quarry.migrate.pull.SchemaWriter;
import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.schema.PrismaSchema;
import dev.quarry.schema.SchemaResult;
import dev.quarry.schema.model.Schema;
import dev.quarry.testsupport.PolicyRoles;
import dev.quarry.testsupport.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blog's access policies, migrated by {@code migrate dev} into a fresh database and exercised over JDBC as
 * the API's transactions do: {@code SET LOCAL ROLE} and {@code set_config('request.jwt.claims', …, true)}.
 * Every transaction is rolled back, so each test starts from the same rows.
 */
class PolicyDatabaseTest {

    static final String SCHEMA = "policies/blog-policies.prisma";
    static final String ANONYMOUS_CLAIMS = "{\"role\": \"quarry_anon\"}";
    static final String ALICE = "{\"id\": 1, \"role\": \"quarry_user\"}";
    static final String BOB = "{\"id\": 2, \"role\": \"quarry_user\"}";
    static final String CAROL = "{\"id\": 3, \"role\": \"quarry_user\"}";
    static final String ADMIN = "{\"role\": \"quarry_admin\"}";
    /**
     * A table owner that is not a superuser (superusers bypass even forced row-level security); unique to this
     * test.
     */
    static final String OWNER = "quarry_policies_table_owner";

    @TempDir
    static Path migrations;

    static DatabaseUrl database;
    static Path firstMigration;
    static final List<DatabaseUrl> databases = new ArrayList<>();

    @BeforeAll
    static void migrateAndSeed() throws Exception {
        PolicyRoles.ensure();
        database = freshDatabase();
        firstMigration = migrator(database, migrations)
                .dev(schema(resource(SCHEMA)), dev("init"))
                .orElseThrow();
        TestServer.execute(database, """
                INSERT INTO "User" (id, email, name) VALUES (1, 'alice@example.com', 'Alice'), \
                (2, 'bob@example.com', 'Bob'), (3, 'carol@example.com', 'Carol');
                INSERT INTO "Post" (id, title, published, "authorId") VALUES
                    (1, 'Hello', true, 1), (2, 'Draft A', false, 1), (3, 'Draft B', false, 2), (4, 'News', true, 2);
                SELECT setval('"User_id_seq"', 3), setval('"Post_id_seq"', 4);
                """);
    }

    @AfterAll
    static void dropDatabases() {
        databases.forEach(TestServer::dropDatabase);
    }

    // ---- the migration

    @Test
    void theMigrationIsTheExpectedSql() throws Exception {
        String expected = resource("golden/policy/blog-policies.sql");
        assertEquals(expected, Migrations.createScript(schema(resource(SCHEMA))));
        assertEquals(expected.substring(expected.indexOf("-- CreateTable")), Files.readString(firstMigration));
    }

    @Test
    void aSecondMigrateFindsNothing() throws Exception {
        assertEquals(Optional.empty(), migrator(database, migrations).dev(schema(resource(SCHEMA)), dev("again")));
    }

    @Test
    void changingOneRuleChangesOnlyItsPolicy(@TempDir Path folder) throws Exception {
        DatabaseUrl url = freshDatabase();
        String text = resource(SCHEMA);
        migrator(url, folder).dev(schema(text), dev("init")).orElseThrow();
        String changed = text.replace(
                "@@allow('update', auth().id == id)",
                "@@allow('update', auth().id == id && auth().role == 'quarry_user')");
        Path second = migrator(url, folder).dev(schema(changed), dev("rule")).orElseThrow();
        String sql = Files.readString(second);
        assertEquals(
                List.of("-- DropPolicy", "-- CreatePolicy"),
                sql.lines().filter(l -> l.startsWith("-- ")).toList(),
                sql);
        String expected = """
                -- DropPolicy
                DROP POLICY "allow_update_1" ON "User";

                -- CreatePolicy
                CREATE POLICY "allow_update_1" ON "User"
                    AS PERMISSIVE FOR UPDATE TO public
                    USING (((nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'id')::INTEGER \
                = "id") AND (current_user = 'quarry_user'));
                COMMENT ON POLICY "allow_update_1" ON "User" IS 'quarry:""";
        assertEquals(expected, sql.substring(0, Math.min(sql.length(), expected.length())));
        assertEquals(Optional.empty(), migrator(url, folder).dev(schema(changed), dev("again")));
    }

    @Test
    void aColumnPoliciesReadChangesType(@TempDir Path folder) throws Exception {
        DatabaseUrl url = freshDatabase();
        String text = resource(SCHEMA)
                .replace(
                        "@@allow('create,delete', auth().id == authorId)",
                        "@@allow('create,delete', auth().id == authorId && title != '')");
        migrator(url, folder).dev(schema(text), dev("init")).orElseThrow();
        String changed = text.replace("title     String", "title     String @db.VarChar(200)");
        Path second = migrator(url, folder)
                .dev(schema(changed), new Migrator.DevOptions("title", false, Renames.none(), true, false))
                .orElseThrow();
        assertTrue(
                Files.readString(second).contains("ALTER COLUMN \"title\" SET DATA TYPE VARCHAR(200)"),
                Files.readString(second));
        assertEquals(Optional.empty(), migrator(url, folder).dev(schema(changed), dev("again")));
    }

    @Test
    void pullSaysThePoliciesAreNotWrittenBack() {
        String pulled = SchemaWriter.write(
                Migrator.describe(database), "datasource db {\n  provider = \"postgresql\"\n}", "public");
        assertTrue(pulled.contains("""
                // Row-level security is on for this table, with the policies allow_create_1, allow_create_2, \
                allow_delete_1, allow_delete_2, allow_read_1, allow_read_2, allow_update_1, allow_update_2, \
                deny_delete_1.
                // `db pull` does not write them back as @@allow/@@deny rules; `migrate dev` removes what the \
                schema lacks.
                model Post {
                """), pulled);
    }

    @Test
    void theExampleSchemaWithPoliciesMigrates(@TempDir Path folder) throws Exception {
        DatabaseUrl url = freshDatabase();
        Schema example = schema(resource("policies/schema-with-policies.prisma"));
        migrator(url, folder).dev(example, dev("init")).orElseThrow();
        assertEquals(Optional.empty(), migrator(url, folder).dev(example, dev("again")));
        TestServer.execute(url, """
                INSERT INTO "User" (id, email, "updatedAt") VALUES ('u_alice', 'alice@example.com', \
                now()), ('u_bob', 'bob@example.com', now());
                INSERT INTO "Post" (id, title, body, published, "authorId") VALUES ('p1', 'Public', 'b', \
                true, 'u_bob'), ('p2', 'Draft', 'b', false, 'u_bob');
                """);
        String alice = "{\"id\": \"u_alice\", \"role\": \"quarry_user\", \"sub\": \"u_alice\"}";
        assertEquals(
                List.of("p1"), as(url, PolicyRoles.USER, alice, c -> ids(c, "SELECT id FROM \"Post\" ORDER BY id")));
        assertEquals(
                List.of("u_alice", "u_bob"),
                as(url, PolicyRoles.ANONYMOUS, "{}", c -> ids(c, "SELECT id FROM \"User\" ORDER BY id")));
        assertEquals(
                "42501",
                refusal(
                        url,
                        PolicyRoles.USER,
                        alice,
                        "INSERT INTO \"Post\" (id, title, body, \"authorId\") VALUES ('p3', 't', 'b', " + "'u_bob')"));
        assertEquals(0, changed(url, PolicyRoles.USER, alice, "UPDATE \"Post\" SET title = 'x' WHERE id = 'p1'"));
    }

    /**
     * A database an older Quarry migrated, its tables granted to PUBLIC: the diff to the schema takes that back.
     */
    @Test
    void theGrantsAnOlderQuarryGaveToPublicAreRevoked(@TempDir Path folder) throws Exception {
        DatabaseUrl url = freshDatabase();
        Schema blog = schema(resource(SCHEMA));
        migrator(url, folder).dev(blog, dev("init")).orElseThrow();
        TestServer.execute(url, """
                GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "User", "Post" TO PUBLIC;
                GRANT USAGE ON SEQUENCE "User_id_seq", "Post_id_seq" TO PUBLIC;
                """);
        DatabaseShape next = ShapeCalculator.calculate(blog, "public");
        String revoke = Migrations.script(Migrator.describe(url), next, Renames.none(), "public");
        assertEquals("""
                -- RevokePrivileges
                REVOKE USAGE ON SEQUENCE "Post_id_seq" FROM PUBLIC;
                REVOKE DELETE, INSERT, SELECT, UPDATE ON TABLE "Post" FROM PUBLIC;

                -- RevokePrivileges
                REVOKE USAGE ON SEQUENCE "User_id_seq" FROM PUBLIC;
                REVOKE DELETE, INSERT, SELECT, UPDATE ON TABLE "User" FROM PUBLIC;
                """, revoke);
        TestServer.execute(url, revoke);
        assertTrue(ShapeDiffer.diff(Migrator.describe(url), next).isEmpty(), "nothing left to change");
    }

    @Test
    void forcedRowLevelSecurityBindsTheTablesOwner(@TempDir Path folder) throws Exception {
        DatabaseUrl url = freshDatabase();
        String text = resource(SCHEMA);
        migrator(url, folder).dev(schema(text), dev("init")).orElseThrow();
        TestServer.execute(
                url,
                "DO $$ BEGIN CREATE ROLE " + OWNER
                        + " NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;"
                        + "ALTER TABLE \"User\" OWNER TO " + OWNER + "; ALTER TABLE \"Post\" OWNER TO " + OWNER + ";"
                        + "INSERT INTO \"User\" (id, email) VALUES (1, 'alice@example.com');INSERT INTO \"Post\" "
                        + "(id, title, published, \"authorId\") VALUES (1, 'Hello', true, 1), (2, 'Draft', false, 1);");
        assertEquals(
                List.of("1", "2"),
                as(url, OWNER, null, c -> ids(c, "SELECT id FROM \"Post\" ORDER BY id")),
                "enabled, not forced: the owner bypasses");

        String forced = text.replace("\"quarry_admin\"])", "\"quarry_admin\"], force: true)");
        String force = Files.readString(
                migrator(url, folder).dev(schema(forced), dev("force")).orElseThrow());
        assertEquals("""
                -- ForceRowLevelSecurity
                ALTER TABLE "Post" FORCE ROW LEVEL SECURITY;

                -- ForceRowLevelSecurity
                ALTER TABLE "User" FORCE ROW LEVEL SECURITY;
                """, force);
        assertEquals(
                List.of("1"),
                as(url, OWNER, null, c -> ids(c, "SELECT id FROM \"Post\" ORDER BY id")),
                "forced: the owner sees published posts only");
        assertEquals(
                0, changed(url, OWNER, null, "DELETE FROM \"Post\" WHERE id = 2"), "nor deletes a draft it cannot see");
        assertEquals(Optional.empty(), migrator(url, folder).dev(schema(forced), dev("again")));

        String noForce = Files.readString(
                migrator(url, folder).dev(schema(text), dev("noforce")).orElseThrow());
        assertTrue(noForce.contains("ALTER TABLE \"Post\" NO FORCE ROW LEVEL SECURITY;"), noForce);
        assertEquals(List.of("1", "2"), as(url, OWNER, null, c -> ids(c, "SELECT id FROM \"Post\" ORDER BY id")));
        assertEquals(Optional.empty(), migrator(url, folder).dev(schema(text), dev("again")));
    }

    // ---- what each one sees

    @Test
    void anonymousReadsOnlyPublishedPostsAndTheirAuthors() throws Exception {
        assertEquals(
                List.of("1", "4"),
                as(PolicyRoles.ANONYMOUS, ANONYMOUS_CLAIMS, c -> ids(c, "SELECT id FROM \"Post\" ORDER BY id")));
        assertEquals(
                List.of("1", "2"),
                as(PolicyRoles.ANONYMOUS, ANONYMOUS_CLAIMS, c -> ids(c, "SELECT id FROM \"User\" ORDER BY id")));
        assertEquals(
                List.of("1", "4"),
                as(PolicyRoles.ANONYMOUS, null, c -> ids(c, "SELECT id FROM \"Post\" ORDER BY id")),
                "no claims at all");
    }

    @Test
    void aUserReadsPublishedPostsAndTheirOwnDrafts() throws Exception {
        assertEquals(
                List.of("1", "2", "4"),
                as(PolicyRoles.USER, ALICE, c -> ids(c, "SELECT id FROM \"Post\" ORDER BY id")));
        assertEquals(
                List.of("1", "3", "4"), as(PolicyRoles.USER, BOB, c -> ids(c, "SELECT id FROM \"Post\" ORDER BY id")));
        assertEquals(
                List.of("1", "2", "3"),
                as(PolicyRoles.USER, CAROL, c -> ids(c, "SELECT id FROM \"User\" ORDER BY id")),
                "authors and herself");
    }

    @Test
    void theAdministratorSeesEverything() throws Exception {
        assertEquals(
                List.of("1", "2", "3", "4"),
                as(PolicyRoles.ADMIN, ADMIN, c -> ids(c, "SELECT id FROM \"Post\" ORDER BY id")));
        assertEquals(
                List.of("1", "2", "3"),
                as(PolicyRoles.ADMIN, ADMIN, c -> ids(c, "SELECT id FROM \"User\" ORDER BY id")));
    }

    // ---- what each one may write

    @Test
    void aUserEditsAndDeletesOnlyOwnPosts() throws Exception {
        assertEquals(1, changed(PolicyRoles.USER, ALICE, "UPDATE \"Post\" SET title = 'Mine' WHERE id = 2"));
        assertEquals(
                0,
                changed(PolicyRoles.USER, ALICE, "UPDATE \"Post\" SET title = 'Yours' WHERE id = 3"),
                "bob's draft is invisible");
        assertEquals(
                0,
                changed(PolicyRoles.USER, ALICE, "UPDATE \"Post\" SET title = 'Yours' WHERE id = 4"),
                "bob's published post is read-only");
        assertEquals(1, changed(PolicyRoles.USER, ALICE, "DELETE FROM \"Post\" WHERE id = 2"));
        assertEquals(
                0, changed(PolicyRoles.USER, ALICE, "DELETE FROM \"Post\" WHERE id = 1"), "a published post stays");
        assertEquals(
                1,
                changed(PolicyRoles.USER, ALICE, "INSERT INTO \"Post\" (title, \"authorId\") VALUES ('New', 1)"),
                "ids from the sequence");
        assertEquals(1, changed(PolicyRoles.USER, ALICE, "UPDATE \"User\" SET name = 'Al' WHERE id = 1"));
        assertEquals(0, changed(PolicyRoles.USER, ALICE, "UPDATE \"User\" SET name = 'B' WHERE id = 2"));
    }

    @Test
    void refusedWritesChangeNothing() throws Exception {
        List<String> before = snapshot();
        assertRefused(PolicyRoles.USER, ALICE, "UPDATE \"Post\" SET \"authorId\" = 2 WHERE id = 2");
        assertRefused(PolicyRoles.USER, ALICE, "INSERT INTO \"Post\" (title, \"authorId\") VALUES ('Forged', 2)");
        assertRefused(
                PolicyRoles.ANONYMOUS,
                ANONYMOUS_CLAIMS,
                "INSERT INTO \"Post\" (title, \"authorId\") VALUES ('Spam', 1)");
        assertRefused(PolicyRoles.ANONYMOUS, null, "INSERT INTO \"User\" (email) VALUES ('x@example.com')");
        assertRefused(PolicyRoles.USER, BOB, "INSERT INTO \"User\" (email) VALUES ('y@example.com')");
        assertEquals(0, changed(PolicyRoles.ANONYMOUS, ANONYMOUS_CLAIMS, "UPDATE \"Post\" SET title = 'Defaced'"));
        assertEquals(0, changed(PolicyRoles.ANONYMOUS, ANONYMOUS_CLAIMS, "DELETE FROM \"Post\""));
        assertEquals(before, snapshot());
    }

    @Test
    void theAdministratorMayDoAnything() throws Exception {
        assertEquals(1, changed(PolicyRoles.ADMIN, ADMIN, "UPDATE \"Post\" SET \"authorId\" = 2 WHERE id = 2"));
        assertEquals(1, changed(PolicyRoles.ADMIN, ADMIN, "DELETE FROM \"Post\" WHERE id = 1"));
        assertEquals(1, changed(PolicyRoles.ADMIN, ADMIN, "INSERT INTO \"User\" (email) VALUES ('dan@example.com')"));
    }

    // ---- field-level rules: column privileges

    @Test
    void fieldRulesAreColumnPrivileges() throws Exception {
        String text = """
                datasource db {
                  provider = "postgresql"
                  url      = env("DATABASE_URL")
                  /// @@policies(roles: ["quarry_user", "quarry_admin"])
                }

                model Account {
                  id      Int     @id @default(autoincrement())
                  owner   String
                  balance Int     @default(0) @allow('update', auth().role == 'quarry_admin')
                  /// @allow('read', auth().role in ['quarry_admin'])
                  secret  String?

                  @@allow('all', true)
                }
                """;
        String sql = Migrations.createScript(schema(text));
        assertTrue(sql.endsWith("""
                -- GrantPrivileges
                GRANT SELECT ("id", "owner", "balance") ON TABLE "Account" TO "quarry_user";
                GRANT SELECT ("id", "owner", "balance", "secret") ON TABLE "Account" TO "quarry_admin";
                GRANT INSERT, DELETE ON TABLE "Account" TO "quarry_user", "quarry_admin";
                GRANT UPDATE ("id", "owner", "secret") ON TABLE "Account" TO "quarry_user";
                GRANT UPDATE ("id", "owner", "balance", "secret") ON TABLE "Account" TO "quarry_admin";
                GRANT USAGE ON SEQUENCE "Account_id_seq" TO "quarry_user", "quarry_admin";
                """), sql);
        DatabaseUrl url = freshDatabase();
        TestServer.execute(url, sql + "INSERT INTO \"Account\" (owner, secret) VALUES ('alice', 's3cret');");
        assertEquals(List.of("1"), as(url, PolicyRoles.USER, ALICE, c -> ids(c, "SELECT id FROM \"Account\"")));
        assertEquals("42501", refusal(url, PolicyRoles.USER, ALICE, "SELECT secret FROM \"Account\""));
        assertEquals("42501", refusal(url, PolicyRoles.USER, ALICE, "UPDATE \"Account\" SET balance = 100"));
        assertEquals(1, changed(url, PolicyRoles.USER, ALICE, "UPDATE \"Account\" SET owner = 'al'"));
        assertEquals(
                List.of("s3cret"), as(url, PolicyRoles.ADMIN, ADMIN, c -> ids(c, "SELECT secret FROM \"Account\"")));
        assertEquals(1, changed(url, PolicyRoles.ADMIN, ADMIN, "UPDATE \"Account\" SET balance = 100"));
    }

    // ---- support

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static <T> T as(String role, String claims, Work<T> work) throws SQLException {
        return as(database, role, claims, work);
    }

    /** Runs {@code work} in a transaction as the API does: the role, then the claims; always rolled back. */
    private static <T> T as(DatabaseUrl url, String role, String claims, Work<T> work) throws SQLException {
        try (Connection connection = TestServer.connect(url)) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement set = connection.prepareStatement(
                        "SELECT set_config('role', ?, true), set_config('request.jwt.claims', ?, true)")) {
                    set.setString(1, role);
                    set.setString(2, claims == null ? "" : claims);
                    set.execute();
                }
                return work.run(connection);
            } finally {
                connection.rollback();
            }
        }
    }

    /** The number of rows the statement changed (in a transaction rolled back afterwards). */
    private static int changed(String role, String claims, String sql) throws SQLException {
        return changed(database, role, claims, sql);
    }

    private static int changed(DatabaseUrl url, String role, String claims, String sql) throws SQLException {
        return as(url, role, claims, c -> update(c, sql));
    }

    private static void assertRefused(String role, String claims, String sql) {
        assertEquals("42501", refusal(database, role, claims, sql), sql);
    }

    /** The SQLSTATE of the refusal; the statement must fail. */
    private static String refusal(DatabaseUrl url, String role, String claims, String sql) {
        SQLException refused = assertThrows(SQLException.class, () -> as(url, role, claims, c -> update(c, sql)), sql);
        return refused.getSQLState();
    }

    private static List<String> ids(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static int update(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }

    /** Every row, read as the owner (row-level security does not apply to it). */
    private static List<String> snapshot() throws SQLException {
        try (Connection connection = TestServer.connect(database)) {
            List<String> rows = ids(
                    connection,
                    "SELECT format('%s %s %s %s %s', id, title, content, published, \"authorId\") FROM "
                            + "\"Post\" "
                            + "ORDER BY id");
            rows.addAll(ids(connection, "SELECT format('%s %s %s', id, email, name) FROM \"User\" ORDER BY id"));
            return rows;
        }
    }

    private static DatabaseUrl freshDatabase() {
        DatabaseUrl url = TestServer.createDatabase("policies");
        databases.add(url);
        return url;
    }

    private static Migrator migrator(DatabaseUrl url, Path folder) {
        return new Migrator(
                url,
                new MigrationsFolder(folder),
                Optional.empty(),
                new PrintWriter(new StringWriter(), true),
                Prompt.nobody());
    }

    private static Migrator.DevOptions dev(String name) {
        return new Migrator.DevOptions(name, false, Renames.none(), false, false);
    }

    static Schema schema(String text) {
        SchemaResult result = PrismaSchema.parse("schema.prisma", text);
        assertTrue(result.errors().isEmpty(), result.errors().toString());
        return result.schema().orElseThrow();
    }

    static String resource(String name) throws IOException {
        try (InputStream in = PolicyDatabaseTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
