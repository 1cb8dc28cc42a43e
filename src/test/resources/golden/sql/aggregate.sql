SELECT CASE WHEN octet_length(x.body) <= 33554432 THEN x.body END AS body, octet_length(x.body) AS bytes FROM (SELECT (SELECT (json_build_object('_count', json_build_object('_all', count(*)), '_max', json_build_object('createdAt', to_char(max("r1"."createdAt"), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))))::text FROM (SELECT "t2".* FROM "Post" "t2") "r1" GROUP BY ()) AS body OFFSET 0) x
-- params: []
