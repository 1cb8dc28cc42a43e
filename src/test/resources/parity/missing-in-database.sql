-- The schema names what the database lacks: a model whose table was never created (as a view whose SQL was never
-- run), and a field whose column was dropped.
DROP TABLE "APIKey";
ALTER TABLE "Blob" DROP COLUMN "size";
