INSERT INTO "User" ("id", "email", "name", "active", "createdAt", "updatedAt") VALUES
  ('u1', 'alice@example.com', 'Alice', true,  '2024-01-01 10:00:00.123', '2024-01-02 10:00:00'),
  ('u2', 'bob@example.com',   'Bob',   true,  '2024-01-03 11:30:00',     '2024-01-03 11:30:00'),
  ('u3', 'carol@test.org',    NULL,    false, '2024-02-10 09:15:00.5',   '2024-02-10 09:15:00'),
  ('u4', 'dave_x@test.org',   'Dave%', true,  '2024-03-01 00:00:00',     '2024-03-01 00:00:00'),
  ('u5', 'eve@example.com',   'eve',   false, '2023-12-31 23:59:59.999', '2024-01-01 00:00:00');
INSERT INTO "Post" ("id", "title", "body", "published", "authorId", "createdAt") VALUES
  ('p1', 'Hello World', 'first post', true,  'u1', '2024-01-05 08:00:00'),
  ('p2', 'Draft',       'unfinished', false, 'u1', '2024-01-06 08:00:00'),
  ('p3', '100% pure',   'percent',    true,  'u2', '2024-01-07 08:00:00'),
  ('p4', '100 pure',    'no percent', true,  'u2', '2024-01-08 08:00:00'),
  ('p5', 'a_b',         'underscore', false, 'u4', '2024-01-09 08:00:00'),
  ('p6', 'axb',         'x',          true,  'u4', '2024-01-10 08:00:00'),
  ('p7', 'Quarry rocks','prisma compatible', true, 'u5', '2024-01-11 08:00:00');
