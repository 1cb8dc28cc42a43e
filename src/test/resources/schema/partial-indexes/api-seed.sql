INSERT INTO "Member" (id, email, "deletedAt") VALUES (1, 'ann@x', '2026-01-01'), (2, 'ann@x', '2026-02-01'), (3, 'bob@x', NULL);
