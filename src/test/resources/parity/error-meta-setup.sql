-- ErrorMetaParityTest: the schema says Member.nick is optional, the database does not (P2011); one member with a badge.
ALTER TABLE "Member" ALTER COLUMN "nick" SET NOT NULL;
INSERT INTO "Member" ("id", "handle", "nick") VALUES (1, 'ann', 'a');
INSERT INTO "Badge" ("id", "label", "memberId") VALUES (1, 'x', 1);
