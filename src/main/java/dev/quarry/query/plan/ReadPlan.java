package dev.quarry.query.plan;

import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.ScalarField;
import java.util.List;
import java.util.Optional;

/**
 * A resolved {@code findMany}-shaped read of one model (also the inside of a to-many include).
 *
 * @param limit     how many rows ({@code take}'s magnitude); empty without {@code take}
 * @param backwards {@code take} was negative: read backwards from the end (or from the cursor)
 * @param offset    {@code skip}; empty when nothing is skipped
 * @param cursor    the unique filter naming the cursor row
 */
public record ReadPlan(
        Model model,
        Filter filter,
        List<OrderItem> orderBy,
        Optional<Bound.Text> limit,
        boolean backwards,
        Optional<Bound.Text> offset,
        Optional<Filter> cursor,
        List<ScalarField> distinct,
        Selection selection) {

    public ReadPlan {
        orderBy = List.copyOf(orderBy);
        distinct = List.copyOf(distinct);
    }

    /** From the client's {@code take} (negative reads backwards) and {@code skip}. */
    public ReadPlan(
            Model model,
            Filter filter,
            List<OrderItem> orderBy,
            Optional<Long> take,
            long skip,
            Optional<Filter> cursor,
            List<ScalarField> distinct,
            Selection selection) {
        this(
                model,
                filter,
                orderBy,
                take.map(t -> new Bound.Text(Long.toString(Math.abs(t)))),
                take.filter(t -> t < 0).isPresent(),
                skip > 0 ? Optional.of(new Bound.Text(Long.toString(skip))) : Optional.empty(),
                cursor,
                distinct,
                selection);
    }
}
