package dev.quarry.query.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.query.QueryErrors;
import dev.quarry.query.args.Operation;
import dev.quarry.query.args.ReadArgs;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.ReadableFields;
import dev.quarry.schema.model.Schema;
import java.util.List;
import java.util.Optional;

/**
 * The entry point of planning: unresolved {@link ReadArgs} of one model → a {@link QueryPlan}, or a {@code
 * QueryException}.
 */
public final class QueryPlanner {

    private static final Bound.Text ONE = new Bound.Text("1");

    private final ReadPlanner reads;
    private final WherePlanner where;
    private final AggregatePlanner aggregates;
    private final Limits limits;
    /** Whether a model has {@code @deletedAt}: only then is {@code withDeleted} an argument. */
    private final boolean softDelete;

    /** For a request that sets no role: the default selection is every field. */
    public QueryPlanner(Schema schema, Limits limits) {
        this(schema, limits, ReadableFields.all());
    }

    /** @param readable what the request's role reads, which a selection without {@code select} is */
    public QueryPlanner(Schema schema, Limits limits, ReadableFields readable) {
        this.limits = limits;
        Values values = new Values(schema);
        this.where = new WherePlanner(schema, values, limits);
        this.reads = new ReadPlanner(schema, where, limits, readable);
        this.aggregates = new AggregatePlanner(reads, where);
        this.softDelete = schema.models().stream().anyMatch(m -> m.deletedAt().isPresent());
    }

    /**
     * {@code args} planned; with {@code withDeleted: true} the plan reads soft-deleted rows too (whether the
     * request's role may ask for them is the caller's to check, with {@link QueryPlan#withDeleted()}).
     */
    public QueryPlan plan(Model model, ReadArgs args) {
        if (!softDelete || !args.args().has(ReadArgs.WITH_DELETED)) {
            return planArgs(model, args);
        }
        JsonNode flag = args.args().get(ReadArgs.WITH_DELETED);
        boolean text = flag.isTextual()
                && (flag.textValue().equals("true") || flag.textValue().equals("false"));
        if (!flag.isBoolean() && !text) {
            throw QueryErrors.wrongType(args.origin(ReadArgs.WITH_DELETED), "true or false");
        }
        ObjectNode rest = args.args().deepCopy();
        rest.remove(ReadArgs.WITH_DELETED);
        QueryPlan plan = planArgs(model, new ReadArgs(args.operation(), rest, args.origins()));
        return flag.asBoolean() ? plan.includingDeleted() : plan;
    }

    private QueryPlan planArgs(Model model, ReadArgs args) {
        JsonNode a = args.args();
        RequestBudget.check(a, args::origin, limits);
        switch (args.operation()) {
            case FIND_MANY:
                return new FindPlan(reads.read(model, a, args.operation().arguments(), args::origin, 0), false);
            case FIND_FIRST:
            case FIND_FIRST_OR_THROW: {
                ReadPlan read = reads.read(model, a, args.operation().arguments(), args::origin, 0);
                if (read.limit().filter(l -> !l.text().equals("1")).isPresent()) {
                    throw QueryErrors.inputError(
                            args.origin("take"), model.name(), "findFirst takes only take 1 or -1", List.of("1", "-1"));
                }
                return new FindPlan(
                        new ReadPlan(
                                read.model(),
                                read.filter(),
                                read.orderBy(),
                                Optional.of(read.limit().orElse(ONE)),
                                read.backwards(),
                                read.offset(),
                                read.cursor(),
                                read.distinct(),
                                read.selection()),
                        true);
            }
            case FIND_UNIQUE:
            case FIND_UNIQUE_OR_THROW: {
                if (!ReadPlanner.present(a, "where")) {
                    throw QueryErrors.missingArgument(
                            args.origin("where"),
                            "argument where (a unique criterion)",
                            List.copyOf(Fields.uniqueCriteria(model).keySet()));
                }
                ReadPlanner.checkKeys(a, args.operation().arguments(), args::origin);
                Filter unique = where.whereUnique(model, a.get("where"), args.origin("where"), 0);
                ObjectNode rest = a.deepCopy();
                rest.remove("where");
                ReadPlan read = reads.read(model, rest, args.operation().arguments(), args::origin, 0);
                return new FindPlan(
                        new ReadPlan(
                                model,
                                unique,
                                List.of(),
                                Optional.of(ONE),
                                false,
                                Optional.empty(),
                                Optional.empty(),
                                List.of(),
                                read.selection()),
                        true);
            }
            case COUNT:
                return aggregates.count(model, args);
            case AGGREGATE:
                return aggregates.aggregate(model, args);
            case GROUP_BY:
                return aggregates.groupBy(model, args);
            default:
                throw QueryErrors.unknownOperation(
                        args.origin("operation"), args.operation().clientName(), Operation.clientNames());
        }
    }
}
