package dev.quarry.api.openapi;

import dev.quarry.query.plan.Aggregate;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * count, aggregate and groupBy, per model: which aggregates to compute ({@code UserCountAggregateInput},
 * {@code UserAvgAggregateInput}, …), what comes back ({@code UserAggregateResult},
 * {@code UserGroupByResult}) and the argument objects.
 */
final class AggregateTypes {

    private final Components components;
    private final Values values;
    private final Filters filters;
    private final Shared shared;
    private final ReadTypes reads;

    AggregateTypes(Components components, Values values, Filters filters, Shared shared, ReadTypes reads) {
        this.components = components;
        this.values = values;
        this.filters = filters;
        this.shared = shared;
        this.reads = reads;
    }

    Schema countArgs(ApiModel model) {
        return components.ref(model.name() + "CountArgs", () -> {
            Schema args = Json.object();
            reads.addWindow(args, model);
            args.addProperty(
                    "select",
                    countInput(model)
                            .description("Counts non-null values per field instead of records; _all counts records."));
            SoftDeleteDocs.addArgument(args, model);
            return args;
        });
    }

    /**
     * A number, or per-field counts when the arguments had a {@code select}: a {@code oneOf}, which
     * typescript-fetch reads as {@code number | UserCountAggregateOutput} (its {@code anyOf} answers {@code {}} for
     * the number).
     */
    Schema countResult(ApiModel model) {
        return Json.oneOf(Json.integer(), countOutput(model));
    }

    Schema aggregateArgs(ApiModel model) {
        return components.ref(model.name() + "AggregateArgs", () -> {
            Schema args = Json.object();
            reads.addWindow(args, model);
            addAggregates(args, model);
            SoftDeleteDocs.addArgument(args, model);
            return args;
        });
    }

    Schema aggregateResult(ApiModel model) {
        return components.ref(model.name() + "AggregateResult", () -> {
            Schema result = Json.object();
            addAggregateOutputs(result, model);
            return result.description("The aggregates asked for, each present only when requested.");
        });
    }

    Schema groupByArgs(ApiModel model) {
        return components.ref(model.name() + "GroupByArgs", () -> {
            Schema args = Json.object(
                    "by",
                            Json.array(reads.scalarFieldEnum(model))
                                    .minItems(1)
                                    .description("The fields whose values form a group."),
                    "where", reads.where(model),
                    "orderBy",
                            Json.array(groupByOrderBy(model))
                                    .description("Sort keys, most significant first (a single object is also "
                                            + "accepted)."),
                    "having", having(model),
                    "take", shared.take().description("At most this many groups."),
                    "skip", shared.skip().description("Skips this many groups first."));
            addAggregates(args, model);
            SoftDeleteDocs.addArgument(args, model);
            // Prisma's types ask for orderBy beside take or skip (its engine pages groups by the primary key
            // otherwise, a P2019 unless every key field is in by)
            args.required(List.of("by"))
                    .addDependentRequired("take", List.of("orderBy"))
                    .addDependentRequired("skip", List.of("orderBy"));
            return Json.forbidding(args, sortedOutsideBy(model));
        });
    }

    /** A field sorted on but not in by, one schema per field: Prisma refuses it (P2019). */
    private static List<Schema> sortedOutsideBy(ApiModel model) {
        return model.orderableScalars().stream()
                .map(f -> Json.object(
                                "orderBy",
                                OASFactory.createSchema().contains(Json.having(List.of(f.name()))),
                                "by",
                                OASFactory.createSchema()
                                        .not(OASFactory.createSchema()
                                                .contains(OASFactory.createSchema()
                                                        .constValue(f.name()))))
                        .required(List.of("orderBy")))
                .toList();
    }

    Schema groupByResult(ApiModel model) {
        return components.ref(model.name() + "GroupByResult", () -> {
            Schema result = Json.object();
            model.scalars().forEach(f -> result.addProperty(f.name(), values.of(f)));
            addAggregateOutputs(result, model);
            return result.description("One group: the values of the by fields, and the aggregates asked for.");
        });
    }

    /** The arguments that name aggregates, in the arguments of aggregate and groupBy. */
    private void addAggregates(Schema args, ApiModel model) {
        args.addProperty("_count", Json.anyOf(Json.bool(), countInput(model)));
        for (String aggregate : aggregatesOf(model)) {
            args.addProperty(aggregate, aggregateInput(model, aggregate));
        }
    }

    /** The aggregates other than {@code _count} that the model's fields allow. */
    static List<String> aggregatesOf(ApiModel model) {
        List<String> names = new ArrayList<>();
        for (Aggregate fn : List.of(Aggregate.AVG, Aggregate.SUM, Aggregate.MIN, Aggregate.MAX)) {
            if (!model.aggregated(fn).isEmpty()) {
                names.add(fn.key);
            }
        }
        return names;
    }

    private void addAggregateOutputs(Schema result, ApiModel model) {
        result.addProperty(
                "_count",
                countResult(model)
                        .description("The number of records when _count was true; the counts per field when it "
                                + "was an object."));
        if (!model.numericScalars().isEmpty()) {
            result.addProperty("_avg", fieldValues(model, "Avg", model.numericScalars(), AggregateTypes::average));
            result.addProperty(
                    "_sum",
                    fieldValues(
                            model,
                            "Sum",
                            model.numericScalars(),
                            f -> f.type() == ScalarType.FLOAT ? Json.number() : values.single(f.type())));
        }
        if (!model.orderableScalars().isEmpty()) {
            result.addProperty(
                    "_min", fieldValues(model, "Min", model.orderableScalars(), f -> values.single(f.type())));
            result.addProperty(
                    "_max", fieldValues(model, "Max", model.orderableScalars(), f -> values.single(f.type())));
        }
    }

    private static Schema average(ScalarField field) {
        return field.type() == ScalarType.DECIMAL
                ? Json.string().pattern(Values.DECIMAL_PATTERN).description("An exact decimal number as a string.")
                : Json.number();
    }

    Schema countInput(ApiModel model) {
        return components.ref(model.name() + "CountAggregateInput", () -> {
            Schema input = Json.object();
            model.scalars().forEach(f -> input.addProperty(f.name(), Json.bool()));
            input.addProperty("_all", Json.bool());
            return Json.choosing(input);
        });
    }

    private Schema countOutput(ApiModel model) {
        return components.ref(model.name() + "CountAggregateOutput", () -> {
            Schema output = Json.object();
            model.scalars().forEach(f -> output.addProperty(f.name(), Json.integer()));
            output.addProperty("_all", Json.integer());
            return output;
        });
    }

    /**
     * {@code _avg}, {@code _sum}, {@code _min} or {@code _max}: which of the fields the aggregate takes to
     * aggregate.
     */
    Schema aggregateInput(ApiModel model, String aggregate) {
        String name = Character.toUpperCase(aggregate.charAt(1)) + aggregate.substring(2);
        return fieldChoice(
                model, name, model.aggregated(Aggregate.fromKey(aggregate).orElseThrow()));
    }

    private Schema fieldChoice(ApiModel model, String aggregate, List<ScalarField> fields) {
        return components.ref(model.name() + aggregate + "AggregateInput", () -> {
            Schema input = Json.object();
            fields.forEach(f -> input.addProperty(f.name(), Json.bool()));
            return Json.choosing(input);
        });
    }

    /** Each field's aggregate, {@code null} when there were no values to aggregate. */
    private Schema fieldValues(
            ApiModel model, String aggregate, List<ScalarField> fields, Function<ScalarField, Schema> value) {
        return components.ref(model.name() + aggregate + "AggregateOutput", () -> {
            Schema output = Json.object();
            fields.forEach(f -> output.addProperty(f.name(), Json.nullable(value.apply(f))));
            return output;
        });
    }

    Schema groupByOrderBy(ApiModel model) {
        return components.ref(model.name() + "GroupByOrderByInput", () -> {
            Schema order = Json.object();
            model.orderableScalars()
                    .forEach(f -> order.addProperty(
                            f.name(), f.isOptional() ? shared.nullableSortOrder() : shared.sortOrder()));
            Schema byAggregate = components.ref(model.name() + "ScalarOrderByInput", () -> {
                Schema scalars = Json.object();
                model.orderableScalars().forEach(f -> scalars.addProperty(f.name(), shared.sortOrder()));
                return scalars;
            });
            for (String aggregate : new String[] {"_count", "_avg", "_sum", "_min", "_max"}) {
                order.addProperty(aggregate, byAggregate);
            }
            return order.minProperties(1)
                    .maxProperties(1)
                    .description("One sort key: a by field, or an aggregate of a field; give several in an array, most "
                            + "significant first.");
        });
    }

    Schema having(ApiModel model) {
        String name = model.name() + "ScalarWhereWithAggregatesInput";
        return components.ref(name, () -> {
            Schema having = Json.object();
            ReadTypes.addLogic(having, Json.ref(name));
            model.scalars().forEach(f -> having.addProperty(f.name(), filters.withAggregates(f)));
            return having.description("Conditions on the groups: on by fields, or on aggregates of any field.");
        });
    }
}
