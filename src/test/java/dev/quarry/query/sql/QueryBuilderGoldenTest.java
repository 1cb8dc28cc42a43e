package dev.quarry.query.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.query.ArgPath;
import dev.quarry.query.args.Json;
import dev.quarry.query.args.Operation;
import dev.quarry.query.args.ReadArgs;
import dev.quarry.query.plan.Limits;
import dev.quarry.query.plan.QueryPlanner;
import dev.quarry.query.support.Schemas;
import dev.quarry.schema.model.Schema;
import dev.quarry.testsupport.Golden;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Plans → SQL, without a database: the statement {@link QueryBuilder} emits for each read of the blog schema,
 * against {@code src/test/resources/golden/sql/<name>.sql} (the text, then its parameters).
 */
class QueryBuilderGoldenTest {

    private static final Schema BLOG = Schemas.blog();
    private static final QueryPlanner PLANNER = new QueryPlanner(BLOG, Limits.DEFAULT);
    private static final QueryBuilder BUILDER = new QueryBuilder(BLOG, Limits.DEFAULT);

    private static SqlStatement build(String model, String operation, String args) {
        ObjectNode body = (ObjectNode) Json.parse(args, ArgPath.of("body"));
        Operation op = Operation.fromClientName(operation).orElseThrow();
        return BUILDER.build(PLANNER.plan(BLOG.model(model), ReadArgs.ofBody(op, body)), QueryBuilder.Output.BODY);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            find-many-all | User | findMany | {}
            find-unique-by-id | User | findUnique | {"where":{"id":"u1"}}
            where-contains-insensitive | Post | findMany | {"where":{"title":{"contains":"a_b","mode":"insensitive"}}}
            where-in-and-or | Post | findMany | {"where":{"OR":[{"id":{"in":["p1","p2"]}},{"published":false}]}}
            where-some-related | User | findMany | {"where":{"posts":{"some":{"published":true}}}}
            order-take-skip | Post | findMany | {"orderBy":[{"createdAt":"desc"},{"id":"asc"}],"take":2,"skip":1}
            backwards-cursor | Post | findMany | {"cursor":{"id":"p2"},"take":-2,"orderBy":{"id":"asc"}}
            nested-select | User | findMany | {"select":{"email":true,"posts":{"select":{"title":true},\
            "where":{"published":true}}}}
            include-to-one | Post | findFirst | {"include":{"author":true}}
            count-relation | User | findMany | {"select":{"id":true,"_count":{"select":{"posts":true}}}}
            count | Post | count | {"where":{"published":true}}
            aggregate | Post | aggregate | {"_count":{"_all":true},"_max":{"createdAt":true}}
            group-by | Post | groupBy | {"by":["authorId"],"_count":{"_all":true},"orderBy":{"authorId":"asc"}}
            """)
    void statementMatchesItsGoldenFile(String name, String model, String operation, String args) {
        SqlStatement statement = build(model, operation, args);
        String params = Arrays.deepToString(statement.params().toArray());
        Golden.assertMatches("sql/" + name + ".sql", statement.text() + "\n-- params: " + params + "\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            equals   | {"where":{"email":"ann@example.com"}} | {"where":{"email":"x; DROP TABLE users; --"}}
            in-lists | {"where":{"id":{"in":["a"]}}}         | {"where":{"id":{"in":["b","c","d"]}}}
            take     | {"take":1}                            | {"take":50}
            """)
    void valuesAreParametersSoTheTextDependsOnlyOnTheShape(String name, String one, String other) {
        SqlStatement a = build("User", "findMany", one);
        SqlStatement b = build("User", "findMany", other);
        assertEquals(a.text(), b.text());
        assertFalse(b.text().contains("DROP"));
    }
}
