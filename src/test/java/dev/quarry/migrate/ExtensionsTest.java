package dev.quarry.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.database.DatabaseShape;
import dev.quarry.database.ShapeCalculator;
import dev.quarry.migrate.diff.ShapeDiffer;
import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.schema.PrismaSchema;
import dev.quarry.schema.SchemaResult;
import dev.quarry.schema.model.Schema;
import dev.quarry.testsupport.TestServer;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/**
 * {@code extensions = [...]} in the datasource: created before the tables that use them, and found again by
 * introspection.
 */
class ExtensionsTest {

    private static final String SCHEMA = """
            generator client {
              provider        = "prisma-client-js"
              previewFeatures = ["postgresqlExtensions"]
            }

            datasource db {
              provider   = "postgresql"
              extensions = [citext, pg_trgm, uuid_ossp(map: "uuid-ossp", schema: "public")]
            }

            model Account {
              id    String @id @default(dbgenerated("uuid_generate_v4()")) @db.Uuid
              email String @unique @db.Citext
            }
            """;

    @Test
    void extensionsAreCreatedFirstAndFoundAgain() throws Exception {
        SchemaResult parsed = PrismaSchema.parse("schema.prisma", SCHEMA);
        assertTrue(!parsed.hasErrors(), parsed.errors().toString());
        Schema schema = parsed.schema().orElseThrow();
        String script = Migrations.createScript(schema);
        assertTrue(script.startsWith("""
                -- CreateSchema
                CREATE SCHEMA IF NOT EXISTS "public";

                -- CreateExtension
                CREATE EXTENSION IF NOT EXISTS "citext";

                -- CreateExtension
                CREATE EXTENSION IF NOT EXISTS "pg_trgm";

                -- CreateExtension
                CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA "public";

                -- CreateTable
                """), script);

        DatabaseUrl url = TestServer.createDatabase("extensions");
        try {
            try (Connection connection = TestServer.connect(url)) {
                SqlScripts.executeInTransaction(connection, script);
            }
            DatabaseShape live = Migrator.describe(url);
            assertEquals(3, live.extensions().size(), live.extensions().toString());
            assertTrue(
                    ShapeDiffer.diff(live, ShapeCalculator.calculate(schema, "public"))
                            .isEmpty(),
                    "a second migration finds nothing to do");
            TestServer.execute(url, "INSERT INTO \"Account\" (email) VALUES ('Ada@Example.com')");
            try (Connection connection = TestServer.connect(url);
                    var rs = connection
                            .createStatement()
                            .executeQuery("SELECT count(*) FROM \"Account\" WHERE email = 'ada@example.com'")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "citext compares without case");
            }
        } finally {
            TestServer.dropDatabase(url);
        }
    }
}
