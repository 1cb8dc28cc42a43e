SELECT n.nspname AS schema,
       c.relname AS table_name,
       con.conname AS name,
       pg_get_expr(con.conbin, con.conrelid) AS expression,
       obj_description(con.oid, 'pg_constraint') AS comment
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE con.contype = 'c'
  AND n.nspname = ANY (?)
ORDER BY n.nspname, c.relname, con.conname
