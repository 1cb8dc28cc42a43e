INSERT INTO "accounts" ("id", "email", "user_handle", "role", "roles", "tags", "scores", "balance", "ratio", "views", "bigs", "avatar", "settings", "meta",
  "birthday", "created_at", "updated_at", "weight", "active", "mentor_id") VALUES
  (1, 'ann@example.com', 'ann', 'admin', '{admin,USER}', '{red,blue}', '{1,2,3}', 100.50, 0.125, 9007199254740993, '{1,9223372036854775807}', '\x00ff10',
   '{"theme": "dark", "n": 3, "list": [1, 2, 3]}', '{"a": {"b": "deep"}}', '1990-05-17', '2024-01-01 10:00:00.123', '2024-01-01 10:00:00', 61.5, true, NULL),
  (2, 'ben@example.com', 'ben', 'USER', '{USER}', '{blue}', '{}', 0, NULL, 0, '{}', NULL,
   '{"theme": "light", "n": 10}', NULL, NULL, '2024-02-01 12:00:00', '2024-02-01 12:00:00', NULL, true, 1),
  (3, 'cat@test.org', 'cat', 'GUEST', '{}', '{}', '{5}', 19.90, 123456789012345.678912345, 42, NULL, '\x',
   '{}', '"just a string"', '2000-02-29', '2023-06-15 08:30:00', '2023-06-15 08:30:00', 0.1, false, 1),
  (4, 'dan%_@test.org', 'dan', 'USER', '{GUEST}', '{green,red}', '{7,8}', 5, 1, -5, '{-1}', '\xdeadbeef',
   '{"theme": "dark", "n": 1.5}', '[1, "two", null]', '1985-12-01', '2024-03-03 03:03:03.003', '2024-03-03 03:03:03', 80, true, 2),
  (5, 'eve@example.com', 'ann', 'USER', NULL, '{Red}', '{1}', 1000000, 0.000001, 7, '{}', NULL,
   '{"n": 2}', 'null', NULL, '2024-04-04 04:04:04', '2024-04-04 04:04:04', -3.25, false, NULL);
SELECT setval(pg_get_serial_sequence('accounts', 'id'), 5);
INSERT INTO "profiles" ("id", "bio", "account_id") VALUES
  ('11111111-1111-1111-1111-111111111111', 'Admin of things', 1),
  ('22222222-2222-2222-2222-222222222222', NULL, 2),
  ('33333333-3333-3333-3333-333333333333', 'Cat person 100%', 3);
INSERT INTO "articles" ("id", "title", "slug", "status", "body", "price", "rating", "published_at", "author_id") VALUES
  (1, 'Hello', 'hello', 'PUBLISHED', 'hello world body', 9.99, 4.5, '2024-01-10 10:00:00+00', 1),
  (2, 'Draft', 'draft', 'DRAFT', NULL, NULL, 0, NULL, 1),
  (3, '100% pure', 'pure-100', 'PUBLISHED', 'percent sign', 100, 3, '2024-02-01 00:00:00.5+02', 2),
  (4, '100 pure', 'pure', 'ARCHIVED', 'no percent', 0.5, 2.25, '2023-12-31 23:00:00+00', 3),
  (5, 'a_b', 'a-b', 'PUBLISHED', 'underscore title', 12.34, 5, '2024-03-01 12:00:00+00', NULL),
  (6, 'axb', 'axb', 'DRAFT', 'letters', NULL, 1, NULL, 4),
  (9007199254740993, 'Big id', 'big', 'PUBLISHED', 'the cat sat on the mat', 1, 4.5, '2024-05-05 05:05:05.555+00', 1);
SELECT setval(pg_get_serial_sequence('articles', 'id'), 9007199254740993);
INSERT INTO "Category" ("id", "name", "parentId") VALUES
  (1, 'Tech', NULL), (2, 'Java', 1), (3, 'Databases', 1), (4, 'PostgreSQL', 3), (5, 'Life', NULL);
SELECT setval(pg_get_serial_sequence('"Category"', 'id'), 5);
INSERT INTO "_ArticleToCategory" ("A", "B") VALUES
  (1, 1), (1, 2), (3, 3), (3, 4), (4, 5), (5, 1), (9007199254740993, 4);
INSERT INTO "Comment" ("id", "text", "articleId", "replyToId", "createdAt") VALUES
  (1, 'Nice', 1, NULL, '2024-01-11 00:00:00'),
  (2, 'Thanks', 1, 1, '2024-01-11 01:00:00'),
  (3, 'Welcome', 1, 2, '2024-01-11 02:00:00'),
  (4, 'Pure?', 3, NULL, '2024-02-02 00:00:00'),
  (5, 'Yes', 3, 4, '2024-02-02 00:00:01'),
  (6, 'Big', 9007199254740993, NULL, '2024-05-06 00:00:00');
SELECT setval(pg_get_serial_sequence('"Comment"', 'id'), 6);
INSERT INTO "Team" ("id", "name") VALUES (1, 'Core'), (2, 'Docs'), (3, 'Empty');
SELECT setval(pg_get_serial_sequence('"Team"', 'id'), 3);
INSERT INTO "memberships" ("accountId", "teamId", "role", "joinedAt") VALUES
  (1, 1, 'admin', '2024-01-01 00:00:00'), (2, 1, 'USER', '2024-01-02 00:00:00'), (2, 2, 'admin', '2024-01-03 00:00:00'),
  (4, 2, 'GUEST', '2024-01-04 00:00:00');
INSERT INTO "Blob" ("key", "data", "checksum", "size") VALUES
  ('a', '\x0102', 123, 2), ('b', '\x', 9223372036854775807, 0), ('c', '\xffff', 123, 3);
INSERT INTO "APIKey" ("id", "hash", "expires") VALUES
  ('k1', '\xabcd', '2030-01-01 00:00:00'), ('k2', '\x0000', '2020-06-30 12:34:56.789');
