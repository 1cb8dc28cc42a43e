package dev.quarry.database;

import static dev.quarry.database.TestSchemas.blog;
import static dev.quarry.database.TestSchemas.enumType;
import static dev.quarry.database.TestSchemas.enumValue;
import static dev.quarry.database.TestSchemas.field;
import static dev.quarry.database.TestSchemas.fn;
import static dev.quarry.database.TestSchemas.manyToMany;
import static dev.quarry.database.TestSchemas.model;
import static dev.quarry.database.TestSchemas.num;
import static dev.quarry.database.TestSchemas.schema;
import static dev.quarry.database.TestSchemas.str;
import static dev.quarry.database.TestSchemas.withDefault;
import static dev.quarry.database.TestSchemas.withNative;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.migrate.Migrations;
import dev.quarry.schema.model.Arity;
import dev.quarry.schema.model.ConstraintNames;
import dev.quarry.schema.model.DefaultValue;
import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.ScalarType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShapeCalculatorTest {

    /** Prisma 7's {@code migrate diff --from-empty} for the blog (bench/peers/prisma/prisma/migrations/0_init). */
    private static final String PRISMA_BLOG = """
            -- CreateSchema
            CREATE SCHEMA IF NOT EXISTS "public";

            -- CreateTable
            CREATE TABLE "User" (
                "id" TEXT NOT NULL,
                "email" TEXT NOT NULL,
                "name" TEXT,
                "active" BOOLEAN NOT NULL DEFAULT true,
                "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
                "updatedAt" TIMESTAMP(3) NOT NULL,

                CONSTRAINT "User_pkey" PRIMARY KEY ("id")
            );

            -- CreateTable
            CREATE TABLE "Post" (
                "id" TEXT NOT NULL,
                "title" TEXT NOT NULL,
                "body" TEXT NOT NULL,
                "published" BOOLEAN NOT NULL DEFAULT false,
                "authorId" TEXT NOT NULL,
                "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

                CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
            );

            -- CreateIndex
            CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

            -- CreateIndex
            CREATE INDEX "Post_authorId_idx" ON "Post"("authorId");

            -- AddForeignKey
            ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES \
            "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
            """;

    @Test
    void blogFromEmptyIsPrismasMigrationByteForByte() {
        assertEquals(PRISMA_BLOG, Migrations.createScript(blog()));
    }

    @Test
    void prismaTypesDefaultsEnumsAndJoinTables() {
        var user = model(
                "User",
                "id",
                List.of(
                        withDefault(field("id", ScalarType.INT, Arity.REQUIRED), fn("autoincrement")),
                        withNative(field("email", ScalarType.STRING, Arity.REQUIRED), "VarChar", "255"),
                        withDefault(field("role", new FieldType.EnumRef("Role"), Arity.REQUIRED), enumValue("USER")),
                        withDefault(
                                field("tags", ScalarType.STRING, Arity.LIST),
                                new DefaultValue.ListValue(List.of(str("a"), str("b")), Optional.empty())),
                        withDefault(field("score", ScalarType.FLOAT, Arity.REQUIRED), num("1")),
                        withDefault(field("price", ScalarType.DECIMAL, Arity.REQUIRED), num("1.50")),
                        withDefault(field("data", ScalarType.JSON, Arity.REQUIRED), str("{}")),
                        withDefault(field("when", ScalarType.DATETIME, Arity.REQUIRED), str("2020-01-01T00:00:00Z")),
                        withDefault(field("big", ScalarType.BIGINT, Arity.REQUIRED), num("-5")),
                        withDefault(
                                withNative(field("uid", ScalarType.STRING, Arity.REQUIRED), "Uuid"),
                                fn("dbgenerated", "gen_random_uuid()"))),
                List.of("email"),
                List.of());
        var category = model(
                "Category",
                "id",
                List.of(withDefault(field("id", ScalarType.INT, Arity.REQUIRED), fn("autoincrement"))),
                List.of(),
                List.of());
        var schema = schema(
                List.of(user, category),
                List.of(enumType("Role", "USER", "ADMIN")),
                List.of(manyToMany("Category", "users", "id", "User", "cats", "id")));
        String sql = Migrations.createScript(schema);
        assertEquals("""
                -- CreateSchema
                CREATE SCHEMA IF NOT EXISTS "public";

                -- CreateEnum
                CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');

                -- CreateTable
                CREATE TABLE "User" (
                    "id" SERIAL NOT NULL,
                    "email" VARCHAR(255) NOT NULL,
                    "role" "Role" NOT NULL DEFAULT 'USER',
                    "tags" TEXT[] DEFAULT ARRAY['a', 'b']::TEXT[],
                    "score" DOUBLE PRECISION NOT NULL DEFAULT 1,
                    "price" DECIMAL(65,30) NOT NULL DEFAULT 1.50,
                    "data" JSONB NOT NULL DEFAULT '{}',
                    "when" TIMESTAMP(3) NOT NULL DEFAULT '2020-01-01 00:00:00 +00:00',
                    "big" BIGINT NOT NULL DEFAULT -5,
                    "uid" UUID NOT NULL DEFAULT gen_random_uuid(),

                    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
                );

                -- CreateTable
                CREATE TABLE "Category" (
                    "id" SERIAL NOT NULL,

                    CONSTRAINT "Category_pkey" PRIMARY KEY ("id")
                );

                -- CreateTable
                CREATE TABLE "_CategoryToUser" (
                    "A" INTEGER NOT NULL,
                    "B" INTEGER NOT NULL,

                    CONSTRAINT "_CategoryToUser_AB_pkey" PRIMARY KEY ("A","B")
                );

                -- CreateIndex
                CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

                -- CreateIndex
                CREATE INDEX "_CategoryToUser_B_index" ON "_CategoryToUser"("B");

                -- AddForeignKey
                ALTER TABLE "_CategoryToUser" ADD CONSTRAINT "_CategoryToUser_A_fkey" FOREIGN KEY ("A") \
                REFERENCES "Category"("id") ON DELETE CASCADE ON UPDATE CASCADE;

                -- AddForeignKey
                ALTER TABLE "_CategoryToUser" ADD CONSTRAINT "_CategoryToUser_B_fkey" FOREIGN KEY ("B") \
                REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
                """, sql);
    }

    @Test
    void longNamesAreCutAsPrismaCutsThem() {
        String table = "AVeryLongModelNameThatGoesOnAndOnForeverAndEverAndEverMoreStuff";
        assertEquals(
                "AVeryLongModelNameThatGoesOnAndOnForeverAndEverAndEverMore_pkey", ConstraintNames.primaryKey(table));
        assertEquals(
                "AVeryLongModelNameThatGoesOnAndOnForeverAndEverAndEverMoreS_key",
                ConstraintNames.unique(table, List.of("anotherQuiteLongFieldNameHere", "id")));
        assertEquals("User_email_key", ConstraintNames.unique("User", List.of("email")));
        assertEquals("Post_authorId_fkey", ConstraintNames.foreignKey("Post", List.of("authorId")));
        assertEquals("Post_authorId_idx", ConstraintNames.index("Post", List.of("authorId")));
    }
}
