package dev.quarry.query.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.query.ArgPath;
import dev.quarry.query.QueryError;
import dev.quarry.query.QueryException;
import dev.quarry.query.args.Json;
import dev.quarry.query.args.Operation;
import dev.quarry.query.args.ReadArgs;
import dev.quarry.query.support.Schemas;
import dev.quarry.schema.model.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Args → plan trees, without a database: what {@link QueryPlanner} makes of Prisma's read arguments on the blog
 * schema. Plan equality is shape equality (bound values compare equal), so values are asserted one by one.
 */
class ReadPlannerTest {

    private static final Schema BLOG = Schemas.blog();
    private static final QueryPlanner PLANNER = new QueryPlanner(BLOG, Limits.DEFAULT);

    private static QueryPlan plan(String model, String operation, String args) {
        ObjectNode body = (ObjectNode) Json.parse(args, ArgPath.of("body"));
        Operation op = Operation.fromClientName(operation).orElseThrow();
        return PLANNER.plan(BLOG.model(model), ReadArgs.ofBody(op, body));
    }

    private static ReadPlan read(String model, String operation, String args) {
        return assertInstanceOf(FindPlan.class, plan(model, operation, args)).read();
    }

    private static QueryError refused(String model, String operation, String args) {
        return assertThrows(QueryException.class, () -> plan(model, operation, args))
                .error();
    }

    @Test
    void noWhereIsTrueAndAFindManyIsAList() {
        FindPlan find = assertInstanceOf(FindPlan.class, plan("User", "findMany", "{}"));
        assertFalse(find.single());
        assertEquals(Filter.TRUE, find.read().filter());
        assertTrue(find.read().limit().isEmpty());
        assertTrue(find.read().offset().isEmpty());
    }

    @Test
    void aScalarEqualityIsOneComparisonWithItsValueBound() {
        Filter.Compare compare = assertInstanceOf(
                Filter.Compare.class,
                read("User", "findMany", "{\"where\":{\"email\":\"ann@example.com\"}}")
                        .filter());
        assertEquals("email", compare.field().name());
        assertEquals(Filter.CompareOp.EQ, compare.op());
        assertEquals("ann@example.com", compare.value().text());
        assertFalse(compare.insensitive());
    }

    @Test
    void containsIsALikePatternWithTheWildcardsOfTheValueEscaped() {
        Filter.Like like = assertInstanceOf(
                Filter.Like.class,
                read("Post", "findMany", "{\"where\":{\"title\":{\"contains\":\"50%_off\",\"mode\":\"insensitive\"}}}")
                        .filter());
        assertEquals("title", like.field().name());
        assertEquals("%50\\%\\_off%", like.pattern().text());
        assertTrue(like.insensitive());
    }

    @Test
    void anObjectsKeysAreAConjunctionAndAnEmptyOrMatchesNothing() {
        Filter.And and = assertInstanceOf(
                Filter.And.class,
                read("Post", "findMany", "{\"where\":{\"published\":true,\"title\":{\"startsWith\":\"A\"}}}")
                        .filter());
        assertEquals(2, and.filters().size());
        Filter.Or or = assertInstanceOf(
                Filter.Or.class,
                read("Post", "findMany", "{\"where\":{\"OR\":[]}}").filter());
        assertEquals(List.of(), or.filters());
        assertEquals(
                new Filter.Const(false),
                read("Post", "findMany", "{\"where\":{\"id\":{\"in\":[]}}}").filter());
    }

    @Test
    void aToManyFilterIsARelatedConditionOverTheHop() {
        Filter.Related related = assertInstanceOf(
                Filter.Related.class,
                read("User", "findMany", "{\"where\":{\"posts\":{\"some\":{\"published\":true}}}}")
                        .filter());
        assertEquals(Filter.Quantifier.SOME, related.quantifier());
        assertEquals("User", related.hop().from().name());
        assertEquals("Post", related.hop().to().name());
        Filter.Compare inner =
                assertInstanceOf(Filter.Compare.class, related.inner().orElseThrow());
        assertEquals("published", inner.field().name());
        assertEquals("true", inner.value().text());
    }

    @Test
    void aNegativeTakeReadsBackwardsAndSkipIsAnOffset() {
        ReadPlan plan = read("Post", "findMany", "{\"take\":-2,\"skip\":3}");
        assertEquals("2", plan.limit().orElseThrow().text());
        assertTrue(plan.backwards());
        assertEquals("3", plan.offset().orElseThrow().text());
    }

    @Test
    void aNestedSelectIsARelationWithItsOwnReadPlan() {
        List<Selection.Selected> items = read(
                        "User", "findMany", "{\"select\":{\"email\":true,\"posts\":{\"select\":{\"title\":true}}}}")
                .selection()
                .items();
        assertEquals(2, items.size());
        assertEquals(
                "email",
                assertInstanceOf(Selection.Scalar.class, items.get(0)).field().name());
        Selection.Relation posts = assertInstanceOf(Selection.Relation.class, items.get(1));
        assertEquals("posts", posts.hop().field().name());
        List<Selection.Selected> nested = posts.plan().selection().items();
        assertEquals(1, nested.size());
        assertEquals(
                "title",
                assertInstanceOf(Selection.Scalar.class, nested.get(0)).field().name());
    }

    @Test
    void findUniqueIsSingleAndNeedsAUniqueWhere() {
        assertTrue(assertInstanceOf(FindPlan.class, plan("User", "findUnique", "{\"where\":{\"id\":\"u1\"}}"))
                .single());
        QueryError error = refused("User", "findUnique", "{\"where\":{\"name\":\"Ann\"}}");
        assertEquals("Q108", error.code().code());
        assertEquals(List.of("id", "email"), error.allowed());
    }

    @Test
    void anUnknownFieldIsRefusedAtItsPathWithTheAllowedNames() {
        QueryError error = refused("User", "findMany", "{\"where\":{\"nickname\":\"x\"}}");
        assertTrue(error.path().contains("nickname"), error::toString);
        assertTrue(error.allowed().contains("email"), error::toString);
    }

    @Test
    void anUnknownOperatorIsRefusedWithTheOperatorsOfTheFieldsKind() {
        QueryError error = refused("User", "findMany", "{\"where\":{\"active\":{\"contains\":\"x\"}}}");
        assertTrue(error.allowed().contains("equals"), error::toString);
        assertFalse(error.allowed().contains("contains"), error::toString);
    }
}
