-- Seed for write/shop.prisma; the tables come from Quarry's own migration of the schema.
INSERT INTO "Category" ("id", "name", "parentId") VALUES (1, 'root', NULL);
SELECT setval('"Category_id_seq"', 1);
-- The anonymous role of OneStatementWritesJwtApiTest: a plain role with every privilege on the shop (cluster-wide,
-- idempotent); the connecting login itself is a role no request may take.
DO $$ BEGIN CREATE ROLE quarry_write_recorder NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
GRANT USAGE ON SCHEMA public TO quarry_write_recorder;
GRANT ALL ON ALL TABLES IN SCHEMA public TO quarry_write_recorder;
GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO quarry_write_recorder;
