package dev.quarry.query.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.query.support.Schemas;
import dev.quarry.schema.model.ScalarField;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The walk over a {@link Filter} that the statement cache binds by: every node, every value, in rendering order.
 */
class FilterWalkTest {

    private static final ScalarField EMAIL = Schemas.rich().model("Account").scalarField("email");

    /** A variant is a branch or a leaf, so it says what it holds or binds: none can be skipped by the walk. */
    @Test
    void everyVariantIsABranchOrALeaf() {
        assertEquals(Set.of(Filter.Branch.class, Filter.Leaf.class), Set.of(Filter.class.getPermittedSubclasses()));
    }

    @Test
    void theWalkReachesEveryNodeAndValueInOrder() {
        Filter filter = new Filter.And(List.of(
                new Filter.Compare(EMAIL, Filter.CompareOp.EQ, new Value.One(EMAIL, "a"), false),
                new Filter.Not(new Filter.Or(List.of(new Filter.Like(EMAIL, "%b%", false), new Filter.IsNull(EMAIL)))),
                new Filter.JsonCondition(EMAIL, List.of("p", "q"), Filter.JsonOp.EQUALS, "c", false),
                new Filter.JsonIsNull(EMAIL, List.of(), Filter.JsonNullKind.DB_NULL),
                new Filter.In(EMAIL, new Value.Many(EMAIL, List.of("d", "e")), false)));
        assertEquals(
                List.of("And", "Compare", "Not", "Or", "Like", "IsNull", "JsonCondition", "JsonIsNull", "In"),
                filter.walk().map(node -> node.getClass().getSimpleName()).toList());
        List<Object> params = filter.walk()
                .flatMap(node -> node.bound().stream())
                .map(bound -> bound.param() instanceof String[] list ? Arrays.asList(list) : bound.param())
                .toList();
        assertEquals(List.of("a", "%b%", List.of("p", "q"), "c", List.of("d", "e")), params);
    }
}
