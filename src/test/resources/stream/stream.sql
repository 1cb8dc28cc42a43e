INSERT INTO "Owner" (name) SELECT 'owner ' || i FROM generate_series(1, 10) i;
-- the first rows hold what CSV must quote: commas, quotes, line breaks, unicode, an empty string beside a NULL
INSERT INTO "Item" (id, name, note, price, tags, data, "ownerId") VALUES
  (1, 'a,"b"' || chr(10) || 'c', '', 1.50, ARRAY['x,y', 'z"'], '{"k": [1, "v"]}', 1),
  (2, 'é漢🙂', NULL, NULL, ARRAY[]::text[], NULL, NULL),
  (3, ' lead and trail ', 'line' || chr(13) || chr(10) || 'break', -0.01, ARRAY['a'], '"text"', 2);
INSERT INTO "Item" (id, name, note, price, tags, data, "ownerId")
SELECT i, 'item ' || i || ' ' || repeat(md5(i::text), 5), CASE WHEN i % 7 = 0 THEN NULL ELSE 'note ' || i END, i / 100.0,
       ARRAY['t' || (i % 5), 'u' || (i % 3)], jsonb_build_object('n', i, 'even', i % 2 = 0), 1 + i % 10
FROM generate_series(4, 200000) i;
CREATE VIEW "SlowItem" AS
SELECT id, name FROM "Item" WHERE id <= 3000 AND CASE WHEN id = 2500 THEN pg_sleep(3)::text = '' ELSE true END;
CREATE VIEW "StuckItem" AS
SELECT id, name FROM "Item" WHERE id <= 10 AND CASE WHEN id = 1 THEN pg_sleep(60)::text = '' ELSE true END;
SELECT setval(pg_get_serial_sequence('"Item"', 'id'), 200000);
ANALYZE;
