SELECT n.nspname AS schema, t.typname AS name, e.enumlabel AS value
FROM pg_type t
JOIN pg_enum e ON e.enumtypid = t.oid
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = ANY (?)
ORDER BY n.nspname, t.typname, e.enumsortorder
