SELECT n.nspname AS schema, c.relname AS name, c.relforcerowsecurity AS force
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p')
  AND c.relrowsecurity
  AND n.nspname = ANY (?)
ORDER BY n.nspname, c.relname
