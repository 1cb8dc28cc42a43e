-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Post" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "authorId" TEXT NOT NULL,

    CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Tag" (
    "id" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,

    CONSTRAINT "Tag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_PostToTag" (
    "A" TEXT NOT NULL,
    "B" TEXT NOT NULL,

    CONSTRAINT "_PostToTag_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE INDEX "Post_authorId_idx" ON "Post"("authorId");

-- CreateIndex
CREATE INDEX "Tag_ownerId_idx" ON "Tag"("ownerId");

-- CreateIndex
CREATE INDEX "_PostToTag_B_index" ON "_PostToTag"("B");

-- AddForeignKey
ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tag" ADD CONSTRAINT "Tag_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_PostToTag" ADD CONSTRAINT "_PostToTag_A_fkey" FOREIGN KEY ("A") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_PostToTag" ADD CONSTRAINT "_PostToTag_B_fkey" FOREIGN KEY ("B") REFERENCES "Tag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- EnableRowLevelSecurity
ALTER TABLE "User" ENABLE ROW LEVEL SECURITY;

-- EnableRowLevelSecurity
ALTER TABLE "Post" ENABLE ROW LEVEL SECURITY;

-- EnableRowLevelSecurity
ALTER TABLE "Tag" ENABLE ROW LEVEL SECURITY;

-- EnableRowLevelSecurity
ALTER TABLE "_PostToTag" ENABLE ROW LEVEL SECURITY;

-- CreatePolicy
CREATE POLICY "allow_read_1" ON "User"
    AS PERMISSIVE FOR SELECT TO public
    USING (true);
COMMENT ON POLICY "allow_read_1" ON "User" IS 'quarry:f38972c1b8bcf16c';

-- CreatePolicy
CREATE POLICY "allow_update_1" ON "User"
    AS PERMISSIVE FOR UPDATE TO public
    USING ((nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'id') = "id");
COMMENT ON POLICY "allow_update_1" ON "User" IS 'quarry:d79600a58f399ead';

-- CreatePolicy
CREATE POLICY "allow_create_1" ON "User"
    AS PERMISSIVE FOR INSERT TO public
    WITH CHECK (current_user = 'quarry_admin');
COMMENT ON POLICY "allow_create_1" ON "User" IS 'quarry:e56b9d58a82fb1d7';

-- CreatePolicy
CREATE POLICY "allow_read_2" ON "User"
    AS PERMISSIVE FOR SELECT TO public
    USING (current_user = 'quarry_admin');
COMMENT ON POLICY "allow_read_2" ON "User" IS 'quarry:f45fe91eced1df26';

-- CreatePolicy
CREATE POLICY "allow_update_2" ON "User"
    AS PERMISSIVE FOR UPDATE TO public
    USING (current_user = 'quarry_admin');
COMMENT ON POLICY "allow_update_2" ON "User" IS 'quarry:3342a8a11d89610e';

-- CreatePolicy
CREATE POLICY "allow_delete_1" ON "User"
    AS PERMISSIVE FOR DELETE TO public
    USING (current_user = 'quarry_admin');
COMMENT ON POLICY "allow_delete_1" ON "User" IS 'quarry:4b0151daceb388a6';

-- CreatePolicy
CREATE POLICY "allow_read_1" ON "Post"
    AS PERMISSIVE FOR SELECT TO public
    USING ("published" OR ((nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'id') = "authorId"));
COMMENT ON POLICY "allow_read_1" ON "Post" IS 'quarry:568b144ca858cd96';

-- CreatePolicy
CREATE POLICY "allow_create_1" ON "Post"
    AS PERMISSIVE FOR INSERT TO public
    WITH CHECK ((nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'id') = "authorId");
COMMENT ON POLICY "allow_create_1" ON "Post" IS 'quarry:0ecd4ad72b4d2ef1';

-- CreatePolicy
CREATE POLICY "allow_update_1" ON "Post"
    AS PERMISSIVE FOR UPDATE TO public
    USING ((nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'id') = "authorId");
COMMENT ON POLICY "allow_update_1" ON "Post" IS 'quarry:735315ead1acd718';

-- CreatePolicy
CREATE POLICY "allow_delete_1" ON "Post"
    AS PERMISSIVE FOR DELETE TO public
    USING ((nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'id') = "authorId");
COMMENT ON POLICY "allow_delete_1" ON "Post" IS 'quarry:44b5c9921e4f11b6';

-- CreatePolicy
CREATE POLICY "allow_create_2" ON "Post"
    AS PERMISSIVE FOR INSERT TO public
    WITH CHECK (current_user = 'quarry_admin');
COMMENT ON POLICY "allow_create_2" ON "Post" IS 'quarry:e56b9d58a82fb1d7';

-- CreatePolicy
CREATE POLICY "allow_read_2" ON "Post"
    AS PERMISSIVE FOR SELECT TO public
    USING (current_user = 'quarry_admin');
COMMENT ON POLICY "allow_read_2" ON "Post" IS 'quarry:f45fe91eced1df26';

-- CreatePolicy
CREATE POLICY "allow_update_2" ON "Post"
    AS PERMISSIVE FOR UPDATE TO public
    USING (current_user = 'quarry_admin');
COMMENT ON POLICY "allow_update_2" ON "Post" IS 'quarry:3342a8a11d89610e';

-- CreatePolicy
CREATE POLICY "allow_delete_2" ON "Post"
    AS PERMISSIVE FOR DELETE TO public
    USING (current_user = 'quarry_admin');
COMMENT ON POLICY "allow_delete_2" ON "Post" IS 'quarry:4b0151daceb388a6';

-- CreatePolicy
CREATE POLICY "allow_read_1" ON "Tag"
    AS PERMISSIVE FOR SELECT TO public
    USING (true);
COMMENT ON POLICY "allow_read_1" ON "Tag" IS 'quarry:f38972c1b8bcf16c';

-- CreatePolicy
CREATE POLICY "allow_create_1" ON "Tag"
    AS PERMISSIVE FOR INSERT TO public
    WITH CHECK ((nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'id') = "ownerId");
COMMENT ON POLICY "allow_create_1" ON "Tag" IS 'quarry:76b91c4f5423bf20';

-- CreatePolicy
CREATE POLICY "allow_update_1" ON "Tag"
    AS PERMISSIVE FOR UPDATE TO public
    USING ((nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'id') = "ownerId");
COMMENT ON POLICY "allow_update_1" ON "Tag" IS 'quarry:2ecc83a8035ef45e';

-- CreatePolicy
CREATE POLICY "allow_delete_1" ON "Tag"
    AS PERMISSIVE FOR DELETE TO public
    USING ((nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'id') = "ownerId");
COMMENT ON POLICY "allow_delete_1" ON "Tag" IS 'quarry:26c943fd5700bc9a';

-- CreatePolicy
CREATE POLICY "allow_create_2" ON "Tag"
    AS PERMISSIVE FOR INSERT TO public
    WITH CHECK (current_user = 'quarry_admin');
COMMENT ON POLICY "allow_create_2" ON "Tag" IS 'quarry:e56b9d58a82fb1d7';

-- CreatePolicy
CREATE POLICY "allow_read_2" ON "Tag"
    AS PERMISSIVE FOR SELECT TO public
    USING (current_user = 'quarry_admin');
COMMENT ON POLICY "allow_read_2" ON "Tag" IS 'quarry:f45fe91eced1df26';

-- CreatePolicy
CREATE POLICY "allow_update_2" ON "Tag"
    AS PERMISSIVE FOR UPDATE TO public
    USING (current_user = 'quarry_admin');
COMMENT ON POLICY "allow_update_2" ON "Tag" IS 'quarry:3342a8a11d89610e';

-- CreatePolicy
CREATE POLICY "allow_delete_2" ON "Tag"
    AS PERMISSIVE FOR DELETE TO public
    USING (current_user = 'quarry_admin');
COMMENT ON POLICY "allow_delete_2" ON "Tag" IS 'quarry:4b0151daceb388a6';

-- CreatePolicy
CREATE POLICY "allow_read_1" ON "_PostToTag"
    AS PERMISSIVE FOR SELECT TO public
    USING (EXISTS (SELECT 1 FROM "Post" AS "r1" WHERE "r1"."id" = "_PostToTag"."A") AND EXISTS (SELECT 1 FROM "Tag" AS "r2" WHERE "r2"."id" = "_PostToTag"."B"));
COMMENT ON POLICY "allow_read_1" ON "_PostToTag" IS 'quarry:6cef51e8cbc0eda9';

-- CreatePolicy
CREATE POLICY "allow_create_1" ON "_PostToTag"
    AS PERMISSIVE FOR INSERT TO public
    WITH CHECK (EXISTS (SELECT 1 FROM "Post" AS "r1" WHERE "r1"."id" = "_PostToTag"."A" AND (((nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'id') = "r1"."authorId") OR (current_user = 'quarry_admin'))) AND EXISTS (SELECT 1 FROM "Tag" AS "r2" WHERE "r2"."id" = "_PostToTag"."B" AND (((nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'id') = "r2"."ownerId") OR (current_user = 'quarry_admin'))));
COMMENT ON POLICY "allow_create_1" ON "_PostToTag" IS 'quarry:8c421037c3245745';

-- CreatePolicy
CREATE POLICY "allow_delete_1" ON "_PostToTag"
    AS PERMISSIVE FOR DELETE TO public
    USING (EXISTS (SELECT 1 FROM "Post" AS "r1" WHERE "r1"."id" = "_PostToTag"."A" AND (((nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'id') = "r1"."authorId") OR (current_user = 'quarry_admin'))) AND EXISTS (SELECT 1 FROM "Tag" AS "r2" WHERE "r2"."id" = "_PostToTag"."B" AND (((nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'id') = "r2"."ownerId") OR (current_user = 'quarry_admin'))));
COMMENT ON POLICY "allow_delete_1" ON "_PostToTag" IS 'quarry:d8f6b3c0bc41499c';

-- GrantPrivileges
GRANT SELECT ("id", "name") ON TABLE "User" TO "quarry_anon", "quarry_user";
GRANT SELECT ("id", "name", "email") ON TABLE "User" TO "quarry_admin";
GRANT INSERT, UPDATE, DELETE ON TABLE "User" TO "quarry_anon", "quarry_user", "quarry_admin";

-- GrantPrivileges
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "Post" TO "quarry_anon", "quarry_user", "quarry_admin";

-- GrantPrivileges
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "Tag" TO "quarry_anon", "quarry_user", "quarry_admin";

-- GrantPrivileges
GRANT SELECT, INSERT, DELETE ON TABLE "_PostToTag" TO "quarry_anon", "quarry_user", "quarry_admin";
