SELECT n.nspname AS schema,
       c.relname AS table_name,
       a.attname AS name,
       a.attnotnull AS not_null,
       a.atttypmod AS typmod,
       format_type(a.atttypid, a.atttypmod) AS formatted,
       coalesce(et.typname, t.typname) AS type_name,
       coalesce(et.typtype, t.typtype) AS type_kind,
       coalesce(etn.nspname, tn.nspname) AS type_schema,
       et.oid IS NOT NULL AS is_list,
       pg_get_expr(d.adbin, d.adrelid) AS default_expr,
       a.attidentity AS identity
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
JOIN pg_namespace tn ON tn.oid = t.typnamespace
LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
LEFT JOIN pg_namespace etn ON etn.oid = et.typnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE c.relkind IN ('r', 'p')
  AND NOT c.relispartition
  AND n.nspname = ANY (?)
  AND a.attnum > 0
  AND NOT a.attisdropped
ORDER BY n.nspname, c.relname, a.attnum
