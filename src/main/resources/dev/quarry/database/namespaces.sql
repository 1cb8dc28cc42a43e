SELECT nspname AS name
FROM pg_namespace
WHERE nspname = ANY (?)
