package dev.quarry.api.openapi;

import dev.quarry.query.plan.Limits;
import dev.quarry.schema.model.FieldType;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The components every model shares: sort orders, the string match mode, the count of a batch, update operations;
 * take and skip.
 */
final class Shared {

    private final Components components;
    private final Values values;
    private final Limits limits;

    Shared(Components components, Values values, Limits limits) {
        this.components = components;
        this.values = values;
        this.limits = limits;
    }

    /** Bounded by {@code quarry.api.max-take}, either sign, as the planner checks. */
    Schema take() {
        return Json.integer()
                .minimum(BigDecimal.valueOf(-limits.maxTake()))
                .maximum(BigDecimal.valueOf(limits.maxTake()));
    }

    /** findFirst's take: 1, or -1 (Prisma refuses any other, P2019). */
    Schema firstTake() {
        return Json.integer()
                .minimum(BigDecimal.ONE.negate())
                .maximum(BigDecimal.ONE)
                .not(OASFactory.createSchema().constValue(0))
                .description("1, or -1 for the last record in the order (before the cursor).");
    }

    /** Bounded by {@code quarry.api.max-skip}. */
    Schema skip() {
        return Json.integer().minimum(BigDecimal.ZERO).maximum(BigDecimal.valueOf(limits.maxSkip()));
    }

    Schema sortOrder() {
        return components.ref("SortOrder", () -> Json.stringEnum(List.of("asc", "desc")));
    }

    /** A nullable field sorts by a direction, or by {@code {"sort": "asc", "nulls": "last"}}. */
    Schema nullableSortOrder() {
        Schema input = components.ref(
                "SortOrderInput",
                () -> Json.object(
                                "sort", sortOrder(),
                                "nulls", components.ref("NullsOrder", () -> Json.stringEnum(List.of("first", "last"))))
                        .required(List.of("sort")));
        return Json.anyOf(sortOrder(), input);
    }

    Schema queryMode() {
        return components.ref(
                "QueryMode",
                () -> Json.stringEnum(List.of("default", "insensitive"))
                        .description("insensitive compares case-insensitively (ILIKE)."));
    }

    Schema batchPayload() {
        return components.ref(
                "BatchPayload",
                () -> Json.object("count", Json.integer())
                        .required(List.of("count"))
                        .description("How many records the operation created, updated or deleted."));
    }

    Schema relationAggregateOrder() {
        return components.ref(
                "OrderByRelationAggregateInput",
                () -> Json.object("_count", sortOrder()).description("Sorts by the number of related records."));
    }

    /** {@code {"increment": 1}} and the like, for a number field of an update. */
    Schema numberOperations(FieldType type, boolean nullable) {
        String name = (nullable ? "Nullable" : "") + Filters.typeName(type) + "FieldUpdateOperationsInput";
        return components.ref(name, () -> {
            Schema value = values.single(type);
            Schema object = Json.object();
            object.addProperty("set", nullable ? Json.nullable(values.single(type)) : value);
            for (String op : new String[] {"increment", "decrement", "multiply", "divide"}) {
                object.addProperty(op, values.single(type));
            }
            return object.minProperties(1)
                    .maxProperties(1)
                    .description("Sets the field, or changes it atomically in the database. Give exactly one "
                            + "operation.");
        });
    }

    /** {@code {"set": [...]}} or {@code {"push": value}} for a list field of an update. */
    Schema listOperations(FieldType type) {
        String name = Filters.typeName(type) + "ListUpdateInput";
        return components.ref(
                name,
                () -> Json.object(
                                "set", Json.array(values.single(type)),
                                "push",
                                        Json.array(values.single(type))
                                                .description("Values to append (a single value is also accepted)."))
                        .minProperties(1)
                        .maxProperties(1)
                        .description("Replaces the list, or appends one value or a list of values."));
    }
}
