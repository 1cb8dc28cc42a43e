-- The three database roles of the security tests. Roles belong to the whole cluster, and test classes (or several
-- test runs) may create them at the same time: a duplicate is fine, whichever way PostgreSQL reports it.
DO $$ BEGIN CREATE ROLE quarry_anon NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE quarry_user NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE quarry_admin NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE quarry_nobody NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
