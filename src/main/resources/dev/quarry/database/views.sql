-- each view with the tables and views, and the columns of them, its rules read (pg_depend of its rewrite rule), which a migration must not change under it
SELECT v.schemaname AS schema, v.viewname AS name, v.definition,
       COALESCE((SELECT array_agg(DISTINCT rn.nspname || '.' || rc.relname ORDER BY rn.nspname || '.' || rc.relname)
                 FROM pg_rewrite r
                 JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid AND d.refclassid = 'pg_class'::regclass
                 JOIN pg_class rc ON rc.oid = d.refobjid
                 JOIN pg_namespace rn ON rn.oid = rc.relnamespace
                 WHERE r.ev_class = c.oid AND rc.oid <> c.oid), '{}') AS reads,
       COALESCE((SELECT array_agg(DISTINCT rn.nspname || '.' || rc.relname || '.' || a.attname)
                 FROM pg_rewrite r
                 JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0
                 JOIN pg_class rc ON rc.oid = d.refobjid
                 JOIN pg_namespace rn ON rn.oid = rc.relnamespace
                 JOIN pg_attribute a ON a.attrelid = rc.oid AND a.attnum = d.refobjsubid
                 WHERE r.ev_class = c.oid AND rc.oid <> c.oid), '{}') AS columns
FROM pg_views v
JOIN pg_namespace n ON n.nspname = v.schemaname
JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = v.viewname
WHERE v.schemaname = ANY (?)
ORDER BY v.schemaname, v.viewname
