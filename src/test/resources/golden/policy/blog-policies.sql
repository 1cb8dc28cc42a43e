-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Post" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "content" TEXT,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "authorId" INTEGER NOT NULL,

    CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- AddForeignKey
ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- EnableRowLevelSecurity
ALTER TABLE "User" ENABLE ROW LEVEL SECURITY;

-- EnableRowLevelSecurity
ALTER TABLE "Post" ENABLE ROW LEVEL SECURITY;

-- CreatePolicy
CREATE POLICY "allow_read_1" ON "User"
    AS PERMISSIVE FOR SELECT TO public
    USING (EXISTS (SELECT 1 FROM "Post" AS "r1" WHERE "r1"."authorId" = "User"."id" AND "r1"."published") OR ((nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'id')::INTEGER = "id"));
COMMENT ON POLICY "allow_read_1" ON "User" IS 'quarry:d592cf2615d0153d';

-- CreatePolicy
CREATE POLICY "allow_update_1" ON "User"
    AS PERMISSIVE FOR UPDATE TO public
    USING ((nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'id')::INTEGER = "id");
COMMENT ON POLICY "allow_update_1" ON "User" IS 'quarry:04d4cee89ce028cd';

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
    USING ("published" OR ((nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'id')::INTEGER = "authorId"));
COMMENT ON POLICY "allow_read_1" ON "Post" IS 'quarry:6fe45e9d17e2bbcd';

-- CreatePolicy
CREATE POLICY "allow_create_1" ON "Post"
    AS PERMISSIVE FOR INSERT TO public
    WITH CHECK ((nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'id')::INTEGER = "authorId");
COMMENT ON POLICY "allow_create_1" ON "Post" IS 'quarry:ebbf546d8ce65cb1';

-- CreatePolicy
CREATE POLICY "allow_delete_1" ON "Post"
    AS PERMISSIVE FOR DELETE TO public
    USING ((nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'id')::INTEGER = "authorId");
COMMENT ON POLICY "allow_delete_1" ON "Post" IS 'quarry:c3dda35cf92c0c19';

-- CreatePolicy
CREATE POLICY "allow_update_1" ON "Post"
    AS PERMISSIVE FOR UPDATE TO public
    USING ((nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'id')::INTEGER = "authorId")
    WITH CHECK ("authorId" = (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'id')::INTEGER);
COMMENT ON POLICY "allow_update_1" ON "Post" IS 'quarry:77d5ab219a508aae';

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
CREATE POLICY "deny_delete_1" ON "Post"
    AS RESTRICTIVE FOR DELETE TO public
    USING (NOT ("published" AND (current_user <> 'quarry_admin')));
COMMENT ON POLICY "deny_delete_1" ON "Post" IS 'quarry:7648706bbee0e891';

-- GrantPrivileges
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "User" TO "quarry_anon", "quarry_user", "quarry_admin";
GRANT USAGE ON SEQUENCE "User_id_seq" TO "quarry_anon", "quarry_user", "quarry_admin";

-- GrantPrivileges
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "Post" TO "quarry_anon", "quarry_user", "quarry_admin";
GRANT USAGE ON SEQUENCE "Post_id_seq" TO "quarry_anon", "quarry_user", "quarry_admin";
