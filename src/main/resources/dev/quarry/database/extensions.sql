-- Extensions belong to the database, not to a schema: all are listed (the schemas bound to
-- every catalog query are not needed here). plpgsql is always installed and never declared.
SELECT e.extname AS name, n.nspname AS schema, e.extversion AS version
FROM pg_extension e
JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname <> 'plpgsql' AND ?::text[] IS NOT NULL
ORDER BY e.extname
