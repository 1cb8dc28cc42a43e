SELECT n.nspname AS schema,
       t.relname AS table_name,
       i.relname AS name,
       ix.indisunique AS is_unique,
       am.amname AS method,
       k.position AS position,
       a.attname AS column_name,
       (ix.indoption::int2[])[k.position - 1] AS options,
       opc.opcname AS opclass,
       opc.opcdefault AS opclass_default,
       pg_get_expr(ix.indpred, ix.indrelid) AS predicate,
       ix.indexprs IS NOT NULL AS skipped
FROM pg_index ix
JOIN pg_class i ON i.oid = ix.indexrelid
JOIN pg_class t ON t.oid = ix.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_am am ON am.oid = i.relam
CROSS JOIN LATERAL unnest(ix.indkey::int2[], ix.indclass::oid[]) WITH ORDINALITY AS k(attnum, opclass_oid, position)
LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
LEFT JOIN pg_opclass opc ON opc.oid = k.opclass_oid
WHERE NOT ix.indisprimary
  AND t.relkind IN ('r', 'p')
  AND n.nspname = ANY (?)
  AND k.position <= ix.indnkeyatts
ORDER BY n.nspname, t.relname, i.relname, k.position
