-- The blog's rules, written by hand: what each role may touch (GRANT) and which rows (row-level security).
-- auth() is the request's claims: current_setting('request.jwt.claims', true)::jsonb; a user's id is its claim "id".
GRANT USAGE ON SCHEMA public TO quarry_anon, quarry_user, quarry_admin;
GRANT SELECT ON "User", "Post" TO quarry_anon;
GRANT SELECT, UPDATE ON "User" TO quarry_user;
GRANT SELECT, INSERT, UPDATE, DELETE ON "Post" TO quarry_user;
GRANT SELECT, INSERT, UPDATE, DELETE ON "User", "Post" TO quarry_admin;

ALTER TABLE "User" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Post" ENABLE ROW LEVEL SECURITY;

CREATE POLICY user_read ON "User" FOR SELECT USING (true);
CREATE POLICY user_update_self ON "User" FOR UPDATE
    USING (id = current_setting('request.jwt.claims', true)::jsonb ->> 'id')
    WITH CHECK (id = current_setting('request.jwt.claims', true)::jsonb ->> 'id');
CREATE POLICY user_admin ON "User" TO quarry_admin USING (true) WITH CHECK (true);

CREATE POLICY post_read ON "Post" FOR SELECT
    USING (published OR "authorId" = current_setting('request.jwt.claims', true)::jsonb ->> 'id');
CREATE POLICY post_create_own ON "Post" FOR INSERT
    WITH CHECK ("authorId" = current_setting('request.jwt.claims', true)::jsonb ->> 'id');
CREATE POLICY post_update_own ON "Post" FOR UPDATE
    USING ("authorId" = current_setting('request.jwt.claims', true)::jsonb ->> 'id')
    WITH CHECK ("authorId" = current_setting('request.jwt.claims', true)::jsonb ->> 'id');
CREATE POLICY post_delete_own ON "Post" FOR DELETE
    USING ("authorId" = current_setting('request.jwt.claims', true)::jsonb ->> 'id');
CREATE POLICY post_admin ON "Post" TO quarry_admin USING (true) WITH CHECK (true);
