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
ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- EnableRowLevelSecurity
ALTER TABLE "User" ENABLE ROW LEVEL SECURITY;

-- EnableRowLevelSecurity
ALTER TABLE "Post" ENABLE ROW LEVEL SECURITY;

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
CREATE POLICY "allow_delete_1" ON "Post"
    AS PERMISSIVE FOR DELETE TO public
    USING ((nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'id') = "authorId");
COMMENT ON POLICY "allow_delete_1" ON "Post" IS 'quarry:44b5c9921e4f11b6';

-- CreatePolicy
CREATE POLICY "allow_update_1" ON "Post"
    AS PERMISSIVE FOR UPDATE TO public
    USING ((nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'id') = "authorId")
    WITH CHECK ("authorId" = (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'id'));
COMMENT ON POLICY "allow_update_1" ON "Post" IS 'quarry:77c161df18bf6542';

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

-- GrantPrivileges
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "User" TO "quarry_anon", "quarry_user", "quarry_admin";

-- GrantPrivileges
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "Post" TO "quarry_anon", "quarry_user", "quarry_admin";
