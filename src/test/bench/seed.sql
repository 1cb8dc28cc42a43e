-- The benchmark's data set, the same rows as ../shared/bench/peers/prisma/seed.mjs writes (ids usr000001,
-- usr000001p01, emails user000001@example.com, …), made by generate_series in two statements.
-- psql -v users=10000 -v posts_per_user=10 -f seed.sql
\set ON_ERROR_STOP on
BEGIN;
TRUNCATE TABLE "Post", "User";

INSERT INTO "User" ("id", "email", "name", "active", "createdAt", "updatedAt")
SELECT 'usr' || lpad(i::text, 6, '0'), 'user' || lpad(i::text, 6, '0') || '@example.com', 'User ' || i, i % 10 <> 0,
       timestamp '2024-01-01' + i * interval '1 minute', timestamp '2024-01-01' + i * interval '1 minute'
FROM generate_series(1, :users) AS i;

-- seed.mjs's body: 30 words, word k being words[(i*7 + j*3 + k) % 12]; it depends on (i*7 + j*3) % 12 only.
WITH words(w) AS (
  SELECT ARRAY['alpha','bravo','charlie','delta','echo','foxtrot','golf','hotel','india','juliet','kilo','lima']
), bodies(shift, body) AS (
  SELECT s, (SELECT string_agg(w[((s + k) % 12) + 1], ' ' ORDER BY k) FROM words, generate_series(0, 29) AS k)
  FROM generate_series(0, 11) AS s
)
INSERT INTO "Post" ("id", "title", "body", "published", "authorId", "createdAt")
SELECT 'usr' || lpad(i::text, 6, '0') || 'p' || lpad(j::text, 2, '0'), 'Post ' || j || ' by user ' || i, b.body, j % 2 = 0,
       'usr' || lpad(i::text, 6, '0'), timestamp '2024-01-01' + i * interval '1 minute' + j * interval '1 second'
FROM generate_series(1, :users) AS i
CROSS JOIN generate_series(1, :posts_per_user) AS j
JOIN bodies AS b ON b.shift = (i * 7 + j * 3) % 12;
COMMIT;
ANALYZE "User";
ANALYZE "Post";
