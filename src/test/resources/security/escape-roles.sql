-- Roles a token must never be able to take (cluster-wide, idempotent; only the role-binding tests use them): a
-- superuser and a role with BYPASSRLS, both with every privilege on the blog's tables so that, taken, they would read
-- and write everything. quarry_rb_later starts as a plain role; the tests give it BYPASSRLS while the service runs.
DO $$ BEGIN CREATE ROLE quarry_rb_super NOLOGIN SUPERUSER; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE quarry_rb_bypass NOLOGIN BYPASSRLS; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
GRANT SELECT, INSERT, UPDATE, DELETE ON "User", "Post" TO quarry_rb_bypass;
