-- The privileges Quarry manages (see DbTableSecurity): on tables with row-level security, given to anyone but the owner.
WITH secured AS (
    SELECT c.oid, n.nspname, c.relname, c.relowner, c.relacl
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p')
      AND c.relrowsecurity
      AND n.nspname = ANY (?)
)
SELECT t.nspname AS schema, t.relname AS table_name, 'TABLE' AS kind, '' AS object, a.privilege_type AS privilege,
       CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END AS grantee
FROM secured t
CROSS JOIN LATERAL aclexplode(t.relacl) a
WHERE a.grantee <> t.relowner AND a.privilege_type IN ('SELECT', 'INSERT', 'UPDATE', 'DELETE')
UNION ALL
SELECT t.nspname, t.relname, 'COLUMN', att.attname, a.privilege_type,
       CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END
FROM secured t
JOIN pg_attribute att ON att.attrelid = t.oid AND att.attnum > 0 AND NOT att.attisdropped
CROSS JOIN LATERAL aclexplode(att.attacl) a
WHERE a.grantee <> t.relowner AND a.privilege_type IN ('SELECT', 'INSERT', 'UPDATE')
UNION ALL
SELECT t.nspname, t.relname, 'SEQUENCE', s.relname, a.privilege_type,
       CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END
FROM secured t
JOIN pg_depend d ON d.refobjid = t.oid AND d.refclassid = 'pg_class'::regclass AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
CROSS JOIN LATERAL aclexplode(s.relacl) a
WHERE a.grantee <> s.relowner AND a.privilege_type = 'USAGE'
ORDER BY 1, 2, 3, 4, 5, 6
