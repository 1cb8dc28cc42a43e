SELECT schemaname AS schema, viewname AS name, definition
FROM pg_views
WHERE schemaname = ANY (?)
ORDER BY schemaname, viewname
