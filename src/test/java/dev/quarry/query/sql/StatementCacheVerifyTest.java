package dev.quarry.query.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import dev.quarry.query.ArgPath;
import dev.quarry.query.args.Json;
import dev.quarry.query.args.Operation;
import dev.quarry.query.args.ReadArgs;
import dev.quarry.query.plan.Limits;
import dev.quarry.query.plan.QueryPlan;
import dev.quarry.query.plan.QueryPlanner;
import dev.quarry.query.support.Schemas;
import dev.quarry.schema.model.ReadableFields;
import dev.quarry.schema.model.Schema;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The statement cache's verify mode, which the test profile turns on for every API test ({@code
 * %test.quarry.query.statement-cache.verify=true}, checked in {@link dev.quarry.api.StatementCacheApiTest}): a kept
 * statement corrupted behind the cache's back (its text, or which value binds which parameter) is caught on the
 * next read of its shape, where without verify the wrong statement would be sent.
 */
class StatementCacheVerifyTest {

    private static final Schema SCHEMA = Schemas.rich();
    private static final QueryPlanner PLANNER = new QueryPlanner(SCHEMA, Limits.DEFAULT);

    private static QueryPlan plan(String args) {
        ObjectNode body = (ObjectNode) Json.parse(args, ArgPath.of("body"));
        return PLANNER.plan(
                SCHEMA.model("Account"),
                ReadArgs.ofBody(Operation.fromClientName("findMany").orElseThrow(), body));
    }

    private static QueryPlan ann() {
        return plan("{\"where\":{\"email\":{\"startsWith\":\"ann\"},\"handle\":{\"not\":\"x\"}},\"take\":2}");
    }

    private static QueryPlan ben() {
        return plan("{\"where\":{\"email\":{\"startsWith\":\"ben\"},\"handle\":{\"not\":\"y\"}},\"take\":3}");
    }

    @Test
    void aKeptStatementRebindsAShapeAndVerifyAgreesWithIt() {
        StatementCache cache = new StatementCache(SCHEMA, Limits.DEFAULT, 10, true);
        SqlStatement first = cache.statement(ann(), QueryBuilder.Output.BODY, ReadableFields.all());
        SqlStatement second = cache.statement(ben(), QueryBuilder.Output.BODY, ReadableFields.all());
        assertEquals(1, cache.size());
        assertEquals(first.text(), second.text());
        assertEquals(
                new QueryBuilder(SCHEMA)
                        .build(ben(), QueryBuilder.Output.BODY, ReadableFields.all())
                        .params(),
                second.params());
    }

    @Test
    void verifyCatchesAKeptTextThatIsWrong() throws Exception {
        StatementCache checked = warmed(true);
        corrupt(checked, text -> text.replace("LIMIT", "LIMIT 1 + "), positions -> positions);
        IllegalStateException caught = assertThrows(
                IllegalStateException.class,
                () -> checked.statement(ben(), QueryBuilder.Output.BODY, ReadableFields.all()));
        assertTrue(
                caught.getMessage().startsWith("statement cache: the kept statement differs from a fresh compile"),
                caught.getMessage());

        StatementCache unchecked = warmed(false);
        corrupt(unchecked, text -> text.replace("LIMIT", "LIMIT 1 + "), positions -> positions);
        assertTrue(
                unchecked
                        .statement(ben(), QueryBuilder.Output.BODY, ReadableFields.all())
                        .text()
                        .contains("LIMIT 1 + "),
                "without verify the wrong text is sent");
    }

    @Test
    void verifyCatchesValuesBoundToTheWrongParameters() throws Exception {
        StatementCache checked = warmed(true);
        corrupt(checked, text -> text, StatementCacheVerifyTest::swapFirstTwo);
        IllegalStateException caught = assertThrows(
                IllegalStateException.class,
                () -> checked.statement(ben(), QueryBuilder.Output.BODY, ReadableFields.all()));
        assertTrue(caught.getMessage().contains("fresh:"), caught.getMessage());

        StatementCache unchecked = warmed(false);
        corrupt(unchecked, text -> text, StatementCacheVerifyTest::swapFirstTwo);
        SqlStatement wrong = unchecked.statement(ben(), QueryBuilder.Output.BODY, ReadableFields.all());
        assertNotEquals(
                new QueryBuilder(SCHEMA)
                        .build(ben(), QueryBuilder.Output.BODY, ReadableFields.all())
                        .params(),
                wrong.params(),
                "without verify the values go to the wrong parameters");
    }

    private static StatementCache warmed(boolean verify) {
        StatementCache cache = new StatementCache(SCHEMA, Limits.DEFAULT, 10, verify);
        cache.statement(ann(), QueryBuilder.Output.BODY, ReadableFields.all());
        assertEquals(1, cache.size());
        return cache;
    }

    private static int[] swapFirstTwo(int[] positions) {
        int[] swapped = positions.clone();
        assertTrue(swapped.length >= 2 && swapped[0] != swapped[1], "the shape binds two values");
        swapped[0] = positions[1];
        swapped[1] = positions[0];
        return swapped;
    }

    /**
     * Replaces the one kept template, test-only, through reflection: the cache offers no way to change what it
     * keeps.
     */
    @SuppressWarnings("unchecked")
    private static void corrupt(StatementCache cache, UnaryOperator<String> text, UnaryOperator<int[]> positions)
            throws Exception {
        Field field = StatementCache.class.getDeclaredField("templates");
        field.setAccessible(true);
        Map<Object, Object> kept = ((Cache<Object, Object>) field.get(cache)).asMap();
        Class<?> template = Class.forName(StatementCache.class.getName() + "$Template");
        Method textOf = template.getDeclaredMethod("text");
        Method positionsOf = template.getDeclaredMethod("positions");
        Constructor<?> make = template.getDeclaredConstructor(String.class, int[].class);
        textOf.setAccessible(true);
        positionsOf.setAccessible(true);
        make.setAccessible(true);
        assertEquals(1, kept.size());
        for (Map.Entry<Object, Object> entry : kept.entrySet()) {
            Object old = entry.getValue();
            kept.put(entry.getKey(), make.newInstance(text.apply((String) textOf.invoke(old)), positions.apply((int[])
                    positionsOf.invoke(old))));
        }
    }
}
