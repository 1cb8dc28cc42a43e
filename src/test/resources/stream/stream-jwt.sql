-- Seed for stream/stream.prisma in jwt mode: 100,000 items, of which the anonymous role may see the even ones
-- (row-level security), so that a stream shows it runs as the request's role; and insert only even ones, so that a bulk
-- import does too.
INSERT INTO "Owner" (name) SELECT 'owner ' || i FROM generate_series(1, 10) i;
INSERT INTO "Item" (id, name, note, price, tags, "ownerId")
SELECT i, 'item ' || i || ' ' || repeat(md5(i::text), 4), 'note ' || i, i / 100.0, ARRAY['t' || (i % 5)], 1 + i % 10
FROM generate_series(1, 100000) i;
CREATE VIEW "SlowItem" AS SELECT id, name FROM "Item"; -- the schema's view (slow in stream.sql only)
CREATE VIEW "StuckItem" AS SELECT id, name FROM "Item"; -- the same
DO $$ BEGIN CREATE ROLE quarry_stream_reader NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
GRANT USAGE ON SCHEMA public TO quarry_stream_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO quarry_stream_reader;
ALTER TABLE "Item" ENABLE ROW LEVEL SECURITY;
GRANT INSERT ON "Item" TO quarry_stream_reader;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO quarry_stream_reader;
CREATE POLICY even_ids ON "Item" FOR SELECT TO quarry_stream_reader USING (id % 2 = 0);
CREATE POLICY even_inserts ON "Item" FOR INSERT TO quarry_stream_reader WITH CHECK (id % 2 = 0);
ANALYZE;
