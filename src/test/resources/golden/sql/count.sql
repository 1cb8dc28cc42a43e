SELECT CASE WHEN octet_length(x.body) <= 33554432 THEN x.body END AS body, octet_length(x.body) AS bytes FROM (SELECT (SELECT (count(*))::text FROM (SELECT "t2".* FROM "Post" "t2" WHERE "t2"."published" = ($1::text)::boolean) "r1" GROUP BY ()) AS body OFFSET 0) x
-- params: [true]
