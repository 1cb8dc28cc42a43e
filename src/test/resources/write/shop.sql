-- Seed for write/shop.prisma; the tables come from Quarry's own migration of the schema.
INSERT INTO "Category" ("id", "name", "parentId") VALUES (1, 'root', NULL);
SELECT setval('"Category_id_seq"', 1);
