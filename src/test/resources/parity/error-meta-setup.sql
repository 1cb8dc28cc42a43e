-- ErrorMetaParityTest: the schema says Member.nick is optional, the database does not (P2011); one member with a badge.
ALTER TABLE "Member" ALTER COLUMN "nick" SET NOT NULL;
INSERT INTO "Member" ("id", "handle", "nick") VALUES (1, 'ann', 'a');
INSERT INTO "Badge" ("id", "label", "memberId") VALUES (1, 'x', 1);
-- what the schema names and the database lacks (P2021, P2022)
DROP TABLE "Ghost";
ALTER TABLE "Relic" DROP COLUMN "era";
-- a badge labelled 'conflict' fails as a serialization failure would (P2034), the same for both clients
CREATE FUNCTION conflict_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'could not serialize access' USING ERRCODE = '40001';
END $$;
CREATE TRIGGER badge_conflict BEFORE INSERT ON "Badge" FOR EACH ROW WHEN (NEW.label = 'conflict') EXECUTE FUNCTION conflict_on_insert();
-- a CHECK constraint the schema cannot declare (Prisma 7 answers P2039, Quarry P2004)
ALTER TABLE "Gauge" ADD CONSTRAINT "Gauge_level_check" CHECK ("level" >= 0);
INSERT INTO "Gauge" ("id", "level") VALUES (1, 1);
