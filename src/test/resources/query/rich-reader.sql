-- The anonymous role of OneStatementReadsJwtApiTest: a plain role that reads every table of the rich schema
-- (cluster-wide, idempotent); the connecting login itself is a role no request may take.
DO $$ BEGIN CREATE ROLE quarry_read_recorder NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
GRANT USAGE ON SCHEMA public TO quarry_read_recorder;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO quarry_read_recorder;
