-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "role" AS ENUM ('USER', 'admin', 'GUEST');

-- CreateEnum
CREATE TYPE "Status" AS ENUM ('DRAFT', 'PUBLISHED', 'ARCHIVED');

-- CreateTable
CREATE TABLE "accounts" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "user_handle" TEXT NOT NULL,
    "role" "role" NOT NULL DEFAULT 'USER',
    "roles" "role"[],
    "tags" TEXT[],
    "scores" INTEGER[],
    "balance" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "ratio" DECIMAL(65,30),
    "views" BIGINT NOT NULL DEFAULT 0,
    "bigs" BIGINT[],
    "avatar" BYTEA,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "meta" JSONB,
    "birthday" DATE,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "weight" DOUBLE PRECISION,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "mentor_id" INTEGER,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "profiles" (
    "id" UUID NOT NULL,
    "bio" TEXT,
    "account_id" INTEGER NOT NULL,

    CONSTRAINT "profiles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "articles" (
    "id" BIGSERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "status" "Status" NOT NULL DEFAULT 'DRAFT',
    "body" TEXT,
    "price" DECIMAL(10,2),
    "rating" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "published_at" TIMESTAMPTZ(6),
    "author_id" INTEGER,

    CONSTRAINT "articles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Category" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "parentId" INTEGER,

    CONSTRAINT "Category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" SERIAL NOT NULL,
    "text" TEXT NOT NULL,
    "articleId" BIGINT NOT NULL,
    "replyToId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Team" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "memberships" (
    "accountId" INTEGER NOT NULL,
    "teamId" INTEGER NOT NULL,
    "role" "role" NOT NULL DEFAULT 'USER',
    "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("accountId","teamId")
);

-- CreateTable
CREATE TABLE "Blob" (
    "key" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "checksum" BIGINT NOT NULL,
    "size" INTEGER NOT NULL,

    CONSTRAINT "Blob_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "APIKey" (
    "id" TEXT NOT NULL,
    "hash" BYTEA NOT NULL,
    "expires" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "APIKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_ArticleToCategory" (
    "A" BIGINT NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_ArticleToCategory_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE UNIQUE INDEX "accounts_email_key" ON "accounts"("email");

-- CreateIndex
CREATE UNIQUE INDEX "accounts_user_handle_role_key" ON "accounts"("user_handle", "role");

-- CreateIndex
CREATE UNIQUE INDEX "profiles_account_id_key" ON "profiles"("account_id");

-- CreateIndex
CREATE UNIQUE INDEX "articles_slug_key" ON "articles"("slug");

-- CreateIndex
CREATE INDEX "articles_author_id_status_idx" ON "articles"("author_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Category_name_key" ON "Category"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Blob_checksum_size_key" ON "Blob"("checksum", "size");

-- CreateIndex
CREATE UNIQUE INDEX "APIKey_hash_key" ON "APIKey"("hash");

-- CreateIndex
CREATE INDEX "_ArticleToCategory_B_index" ON "_ArticleToCategory"("B");

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_mentor_id_fkey" FOREIGN KEY ("mentor_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "articles" ADD CONSTRAINT "articles_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Category" ADD CONSTRAINT "Category_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Category"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_replyToId_fkey" FOREIGN KEY ("replyToId") REFERENCES "Comment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ArticleToCategory" ADD CONSTRAINT "_ArticleToCategory_A_fkey" FOREIGN KEY ("A") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_ArticleToCategory" ADD CONSTRAINT "_ArticleToCategory_B_fkey" FOREIGN KEY ("B") REFERENCES "Category"("id") ON DELETE CASCADE ON UPDATE CASCADE;
INSERT INTO "accounts" ("id", "email", "user_handle", "role", "roles", "tags", "scores", "balance", "ratio", "views", "bigs", "avatar", "settings", "meta",
  "birthday", "created_at", "updated_at", "weight", "active", "mentor_id") VALUES
  (1, 'ann@example.com', 'ann', 'admin', '{admin,USER}', '{red,blue}', '{1,2,3}', 100.50, 0.125, 9007199254740993, '{1,9223372036854775807}', '\x00ff10',
   '{"theme": "dark", "n": 3, "list": [1, 2, 3]}', '{"a": {"b": "deep"}}', '1990-05-17', '2024-01-01 10:00:00.123', '2024-01-01 10:00:00', 61.5, true, NULL),
  (2, 'ben@example.com', 'ben', 'USER', '{USER}', '{blue}', '{}', 0, NULL, 0, '{}', NULL,
   '{"theme": "light", "n": 10}', NULL, NULL, '2024-02-01 12:00:00', '2024-02-01 12:00:00', NULL, true, 1),
  (3, 'cat@test.org', 'cat', 'GUEST', '{}', '{}', '{5}', 19.90, 123456789012345.678912345, 42, NULL, '\x',
   '{}', '"just a string"', '2000-02-29', '2023-06-15 08:30:00', '2023-06-15 08:30:00', 0.1, false, 1),
  (4, 'dan%_@test.org', 'dan', 'USER', '{GUEST}', '{green,red}', '{7,8}', 5, 1, -5, '{-1}', '\xdeadbeef',
   '{"theme": "dark", "n": 1.5}', '[1, "two", null]', '1985-12-01', '2024-03-03 03:03:03.003', '2024-03-03 03:03:03', 80, true, 2),
  (5, 'eve@example.com', 'ann', 'USER', NULL, '{Red}', '{1}', 1000000, 0.000001, 7, '{}', NULL,
   '{"n": 2}', 'null', NULL, '2024-04-04 04:04:04', '2024-04-04 04:04:04', -3.25, false, NULL);
SELECT setval(pg_get_serial_sequence('accounts', 'id'), 5);
INSERT INTO "profiles" ("id", "bio", "account_id") VALUES
  ('11111111-1111-1111-1111-111111111111', 'Admin of things', 1),
  ('22222222-2222-2222-2222-222222222222', NULL, 2),
  ('33333333-3333-3333-3333-333333333333', 'Cat person 100%', 3);
INSERT INTO "articles" ("id", "title", "slug", "status", "body", "price", "rating", "published_at", "author_id") VALUES
  (1, 'Hello', 'hello', 'PUBLISHED', 'hello world body', 9.99, 4.5, '2024-01-10 10:00:00+00', 1),
  (2, 'Draft', 'draft', 'DRAFT', NULL, NULL, 0, NULL, 1),
  (3, '100% pure', 'pure-100', 'PUBLISHED', 'percent sign', 100, 3, '2024-02-01 00:00:00.5+02', 2),
  (4, '100 pure', 'pure', 'ARCHIVED', 'no percent', 0.5, 2.25, '2023-12-31 23:00:00+00', 3),
  (5, 'a_b', 'a-b', 'PUBLISHED', 'underscore title', 12.34, 5, '2024-03-01 12:00:00+00', NULL),
  (6, 'axb', 'axb', 'DRAFT', 'letters', NULL, 1, NULL, 4),
  (9007199254740993, 'Big id', 'big', 'PUBLISHED', 'the cat sat on the mat', 1, 4.5, '2024-05-05 05:05:05.555+00', 1);
SELECT setval(pg_get_serial_sequence('articles', 'id'), 9007199254740993);
INSERT INTO "Category" ("id", "name", "parentId") VALUES
  (1, 'Tech', NULL), (2, 'Java', 1), (3, 'Databases', 1), (4, 'PostgreSQL', 3), (5, 'Life', NULL);
SELECT setval(pg_get_serial_sequence('"Category"', 'id'), 5);
INSERT INTO "_ArticleToCategory" ("A", "B") VALUES
  (1, 1), (1, 2), (3, 3), (3, 4), (4, 5), (5, 1), (9007199254740993, 4);
INSERT INTO "Comment" ("id", "text", "articleId", "replyToId", "createdAt") VALUES
  (1, 'Nice', 1, NULL, '2024-01-11 00:00:00'),
  (2, 'Thanks', 1, 1, '2024-01-11 01:00:00'),
  (3, 'Welcome', 1, 2, '2024-01-11 02:00:00'),
  (4, 'Pure?', 3, NULL, '2024-02-02 00:00:00'),
  (5, 'Yes', 3, 4, '2024-02-02 00:00:01'),
  (6, 'Big', 9007199254740993, NULL, '2024-05-06 00:00:00');
SELECT setval(pg_get_serial_sequence('"Comment"', 'id'), 6);
INSERT INTO "Team" ("id", "name") VALUES (1, 'Core'), (2, 'Docs'), (3, 'Empty');
SELECT setval(pg_get_serial_sequence('"Team"', 'id'), 3);
INSERT INTO "memberships" ("accountId", "teamId", "role", "joinedAt") VALUES
  (1, 1, 'admin', '2024-01-01 00:00:00'), (2, 1, 'USER', '2024-01-02 00:00:00'), (2, 2, 'admin', '2024-01-03 00:00:00'),
  (4, 2, 'GUEST', '2024-01-04 00:00:00');
INSERT INTO "Blob" ("key", "data", "checksum", "size") VALUES
  ('a', '\x0102', 123, 2), ('b', '\x', 9223372036854775807, 0), ('c', '\xffff', 123, 3);
INSERT INTO "APIKey" ("id", "hash", "expires") VALUES
  ('k1', '\xabcd', '2030-01-01 00:00:00'), ('k2', '\x0000', '2020-06-30 12:34:56.789');
