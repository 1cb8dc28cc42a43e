package dev.quarry.query.plan;

import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.ScalarField;
import java.util.List;
import java.util.Optional;

/**
 * A resolved {@code findMany}-shaped read of one model (also the inside of a to-many include).
 *
 * @param take   {@code take}; negative reads backwards from the end (or from the cursor)
 * @param cursor the unique filter naming the cursor row
 */
public record ReadPlan(
        Model model,
        Filter filter,
        List<OrderItem> orderBy,
        Optional<Long> take,
        long skip,
        Optional<Filter> cursor,
        List<ScalarField> distinct,
        Selection selection) {

    public ReadPlan {
        orderBy = List.copyOf(orderBy);
        distinct = List.copyOf(distinct);
    }

    public boolean backwards() {
        return take.filter(t -> t < 0).isPresent();
    }
}
