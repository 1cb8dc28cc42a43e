-- The example blog with enough rows that a grid must page: 100 users, 10,000 posts (100 each).
INSERT INTO "User" (id, email, name, "updatedAt")
SELECT 'u' || lpad(i::text, 3, '0'), 'user' || i || '@example.com', 'User ' || i, timestamp '2026-01-01' + i * interval '1 hour'
FROM generate_series(1, 100) AS i;
INSERT INTO "Post" (id, title, body, published, "authorId", "createdAt")
SELECT 'p' || lpad(i::text, 5, '0'), 'Post ' || i, 'Body of post ' || i, i % 2 = 0, 'u' || lpad((1 + i % 100)::text, 3, '0'),
       timestamp '2026-01-01' + i * interval '1 minute'
FROM generate_series(1, 10000) AS i;
