package dev.quarry.query.exec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.quarry.query.ArgPath;
import dev.quarry.query.args.Operation;
import dev.quarry.query.args.ReadArgs;
import dev.quarry.query.plan.Filter;
import dev.quarry.query.plan.FindPlan;
import dev.quarry.query.plan.Hop;
import dev.quarry.query.plan.Limits;
import dev.quarry.query.plan.QueryPlanner;
import dev.quarry.query.plan.ReadPlan;
import dev.quarry.query.plan.Resolver;
import dev.quarry.query.plan.Value;
import dev.quarry.query.sql.QueryBuilder;
import dev.quarry.query.sql.Sql;
import dev.quarry.query.sql.SqlStatement;
import dev.quarry.query.write.Assign;
import dev.quarry.query.write.FoldedCreate;
import dev.quarry.query.write.ReadShape;
import dev.quarry.query.write.RecordCreate;
import dev.quarry.query.write.RecordUpdate;
import dev.quarry.query.write.RelationWrite;
import dev.quarry.query.write.StoredRow;
import dev.quarry.query.write.WritePlan;
import dev.quarry.query.write.WritePlanner;
import dev.quarry.query.write.WriteStatements;
import dev.quarry.query.write.WrittenTableReads;
import dev.quarry.schema.model.FieldAccess;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.Relation;
import dev.quarry.schema.model.RelationField;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.Schema;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a {@link WritePlan} inside one transaction, statement after statement as one chain of Unis (no thread
 * waits), in the order of the relation graph: writes that decide a record's foreign key (the related record it
 * points to) run before the record is written, writes on records pointing to it run after. Each step is one
 * statement ({@code INSERT/UPDATE/DELETE … RETURNING}); the answer is read back at the end, in the same
 * transaction, by the read machinery. A write of one record that fits in one statement with its read-back is that
 * statement instead ({@link #oneStatement}).
 */
public final class WriteExecutor {

    private final Schema schema;
    private final WritePlanner planner;
    private final Resolver resolver;
    private final WriteStatements sql;
    private final QueryPlanner reads;
    private final QueryBuilder builder;
    private final Limits limits;

    public WriteExecutor(Schema schema, WritePlanner planner, Limits limits) {
        this(schema, planner, limits, false);
    }

    /** @param restores whether an update setting a {@code @deletedAt} field to null reaches soft-deleted rows */
    public WriteExecutor(Schema schema, WritePlanner planner, Limits limits, boolean restores) {
        this.schema = schema;
        this.planner = planner;
        this.resolver = planner.resolver();
        this.sql = new WriteStatements(schema, resolver, planner.readable(), restores);
        this.reads = new QueryPlanner(schema, limits, planner.readable());
        this.builder = new QueryBuilder(schema, limits);
        this.limits = limits;
    }

    /** The planner whose plans this executor runs (the same view of the schema's fields). */
    public WritePlanner planner() {
        return planner;
    }

    /** Whether a transaction running {@code plan} may be retried after a unique violation (a racing upsert). */
    public static boolean retriesUniqueViolations(WritePlan plan) {
        return plan instanceof WritePlan.Upsert;
    }

    public Uni<WriteResult> execute(Tx tx, WritePlan plan) {
        Model model = plan.model();
        if (plan instanceof WritePlan.Create c) {
            return createRecord(tx, c.record(), List.of(), false)
                    .map(Optional::orElseThrow)
                    .chain(row ->
                            readBack(tx, row, c.shape()).map(body -> new WriteResult(body, true, Optional.of(row))));
        }
        if (plan instanceof WritePlan.CreateMany c) {
            return createMany(tx, c);
        }
        if (plan instanceof WritePlan.Update u) {
            return updateRecord(tx, model, u.where(), u.data(), u.ifMatch())
                    .chain(row -> row.isPresent()
                            ? Uni.createFrom().item(row.get())
                            : missing(tx, model, u.where(), u.ifMatch(), "an update"))
                    .chain(row ->
                            readBack(tx, row, u.shape()).map(body -> new WriteResult(body, false, Optional.of(row))));
        }
        if (plan instanceof WritePlan.Upsert u) {
            return tx.run(sql.select(model, u.where(), u.ifMatch(), true))
                    .map(rows -> first(model, rows))
                    .chain(existing -> {
                        if (existing.isEmpty() && u.ifMatch().isPresent()) {
                            throw WriteFailures.preconditionFailed(model);
                        }
                        boolean created = existing.isEmpty();
                        Uni<StoredRow> written = created
                                ? createRecord(tx, u.create(), List.of(), false).map(Optional::orElseThrow)
                                : updateRecord(tx, model, identity(existing.get()), u.update(), Optional.empty())
                                        .map(Optional::orElseThrow);
                        return written.chain(row -> readBack(tx, row, u.shape())
                                .map(body -> new WriteResult(body, created, Optional.of(row))));
                    });
        }
        if (plan instanceof WritePlan.Delete d) {
            return tx.run(sql.select(model, d.where(), d.ifMatch(), true))
                    .map(rows -> first(model, rows))
                    .chain(row -> row.isPresent()
                            ? Uni.createFrom().item(row.get())
                            : missing(tx, model, d.where(), d.ifMatch(), "a delete"))
                    .chain(row -> readBack(tx, row, d.shape())
                            .call(() -> tx.run(sql.delete(model, identity(row), OptionalLong.empty(), false))))
                    .map(body -> new WriteResult(body, false, Optional.empty()));
        }
        if (plan instanceof WritePlan.UpdateMany u && u.returning().isPresent()) {
            return updateManyAndReturn(tx, u, u.returning().get());
        }
        if (plan instanceof WritePlan.UpdateMany u) {
            return updateMany(tx, model, u.where(), u.data(), u.limit()).map(WriteExecutor::count);
        }
        WritePlan.DeleteMany d = (WritePlan.DeleteMany) plan;
        return tx.run(sql.delete(model, d.where(), d.limit(), false)).map(rows -> count(rows.size()));
    }

    /**
     * A write that is one statement with its read-back, run alone (atomic by itself, no transaction block): the
     * statement returns the written row as {@link WriteStatements#insert} does, then the answer's body; no row when
     * the record to update or delete was not found, which {@link #result} answers with P2025.
     */
    public record OneStatement(WritePlan plan, SqlStatement statement) {}

    /**
     * {@code plan} as {@link OneStatement} when it allows: a create or update without nested writes, and a delete,
     * each of one record and without If-Match (a failed If-Match needs a second look to tell 412 from 404), of a
     * model whose field rules hide no column from any role. The statement's read sees the tables as before the
     * write, so a create or update qualifies only when its read-back reads no related record of its own model (it
     * would miss the write) and an update changes no key other rows point to (their cascaded change would be
     * missed). A delete's read-back sees the record and its related records as they were before it, as the
     * transaction's read-back before the delete does. A read-back with a list that is checked against max-rows runs
     * in the transaction, which an overflow rolls back.
     */
    public Optional<OneStatement> oneStatement(WritePlan plan) {
        Model model = plan.model();
        if (FieldAccess.hasFieldReadRules(model)) {
            return Optional
                    .empty(); // its RETURNING * would need every column, and field rules hide some from some roles
        }
        if (plan instanceof WritePlan.Create c && c.record().relations().isEmpty()) {
            FindPlan read = readOfWritten(model, c.shape());
            return WrittenTableReads.related(read.read(), model) || builder.checksRows(read.read(), false)
                    ? Optional.empty()
                    : Optional.of(new OneStatement(
                            plan,
                            sql.insertReading(
                                    model,
                                    c.record().scalars(),
                                    builder.bodyOver(read, WriteStatements.WRITTEN, planner.readable()))));
        }
        if (plan instanceof WritePlan.Update u
                && u.ifMatch().isEmpty()
                && u.data().relations().isEmpty()
                && !u.data().scalars().isEmpty()
                && u.data().scalars().stream().noneMatch(a -> referencedKey(model, a.field()))) {
            FindPlan read = readOfWritten(model, u.shape());
            return WrittenTableReads.related(read.read(), model) || builder.checksRows(read.read(), false)
                    ? Optional.empty()
                    : Optional.of(new OneStatement(
                            plan,
                            sql.updateReading(
                                    model,
                                    u.where(),
                                    u.data().scalars(),
                                    builder.bodyOver(read, WriteStatements.WRITTEN, planner.readable()))));
        }
        // a soft delete answers the record as it was, as a delete does; its UPDATE would return it deleted
        if (plan instanceof WritePlan.Delete d
                && d.ifMatch().isEmpty()
                && model.deletedAt().isEmpty()) {
            FindPlan read = readOfWritten(model, d.shape());
            return builder.checksRows(read.read(), false)
                    ? Optional.empty()
                    : Optional.of(new OneStatement(
                            plan,
                            sql.deleteReading(
                                    model,
                                    d.where(),
                                    builder.bodyOver(read, WriteStatements.WRITTEN, planner.readable()))));
        }
        return Optional.empty();
    }

    /** The answer of a {@link OneStatement} from the rows it returned. */
    public WriteResult result(OneStatement write, List<Row> rows) {
        WritePlan plan = write.plan();
        if (rows.isEmpty()) {
            throw WriteFailures.notFound(plan.model(), plan instanceof WritePlan.Delete ? "a delete" : "an update");
        }
        StoredRow row = row(plan.model(), rows.get(0));
        String body = rows.get(0).getString(sql.returnedFields(plan.model()).size() + 1);
        boolean created = plan instanceof WritePlan.Create;
        return new WriteResult(
                body == null ? "null" : body,
                created,
                plan instanceof WritePlan.Delete ? Optional.empty() : Optional.of(row));
    }

    /** The read-back of {@code shape} as one record, of whatever rows the statement reads it over. */
    private FindPlan readOfWritten(Model model, ReadShape shape) {
        ReadPlan shaped = ((FindPlan)
                        reads.plan(model, new ReadArgs(Operation.FIND_FIRST, shape.args(), shape.origins())))
                .read();
        return new FindPlan(
                new ReadPlan(
                        model,
                        Filter.TRUE,
                        List.of(),
                        Optional.of(1L),
                        0,
                        Optional.empty(),
                        List.of(),
                        shaped.selection()),
                true);
    }

    /** The read-back of {@code shape} as a list, of whatever rows the statement reads it over, in their order. */
    private FindPlan readOfWrittenRows(Model model, ReadShape shape) {
        ReadPlan shaped = ((FindPlan)
                        reads.plan(model, new ReadArgs(Operation.FIND_FIRST, shape.args(), shape.origins())))
                .read();
        return new FindPlan(
                new ReadPlan(
                        model,
                        Filter.TRUE,
                        List.of(),
                        Optional.empty(),
                        0,
                        Optional.empty(),
                        List.of(),
                        shaped.selection()),
                false);
    }

    /** Whether {@code field} of {@code model} is a key that rows of a relation (or its join table) point to. */
    private boolean referencedKey(Model model, ScalarField field) {
        return schema.isReferencedKey(model, field);
    }

    /** A read inside a write transaction ({@code $transaction}): the body PostgreSQL builds. */
    public Uni<String> read(Tx tx, Model model, ReadArgs args) {
        return tx.run(builder.build(reads.plan(model, args), QueryBuilder.Output.BODY, planner.readable()))
                .map(this::checkedBody);
    }

    private static WriteResult count(long n) {
        return new WriteResult("{\"count\":" + n + "}", false, Optional.empty());
    }

    private String checkedBody(List<Row> rows) {
        if (!rows.isEmpty()) {
            AnswerBudget.check(rows.get(0).getDelegate(), limits);
        }
        String body = rows.isEmpty() ? null : rows.get(0).getString(0);
        return body == null ? "null" : body;
    }

    /** Runs {@code step} on each item in turn, each after the one before has finished. */
    private static <T> Uni<Void> each(List<T> items, Function<T, Uni<?>> step) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (T item : items) {
            chain = chain.chain(() -> step.apply(item)).replaceWithVoid();
        }
        return chain;
    }

    private Uni<WriteResult> createMany(Tx tx, WritePlan.CreateMany c) {
        Model model = c.model();
        if (c.records().isEmpty()) {
            return Uni.createFrom()
                    .item(
                            c.returning().isPresent()
                                    ? new WriteResult("[]", true, Optional.empty(), OptionalLong.of(0))
                                    : count(0));
        }
        List<List<Assign>> rows =
                c.records().stream().map(RecordCreate::scalars).toList();
        if (c.returning().isEmpty()) {
            return tx.run(sql.insertMany(model, rows, c.skipDuplicates(), false))
                    .map(result -> count(result.size()));
        }
        FindPlan read = readOfWrittenRows(model, c.returning().get());
        if (readsWrittenRowsAlone(model, read, List.of())) {
            return tx.run(sql.insertManyReading(model, rows, c.skipDuplicates(), answerOver(read)))
                    .map(result -> bulk(result, true));
        }
        return tx.run(sql.insertManyPlaces(model, rows, c.skipDuplicates()))
                .chain(places -> readBackPlaces(tx, model, places, read, true));
    }

    private Uni<WriteResult> updateManyAndReturn(Tx tx, WritePlan.UpdateMany u, ReadShape shape) {
        Model model = u.model();
        List<Assign> assigns = u.data().scalars();
        FindPlan read = readOfWrittenRows(model, shape);
        // without data nothing is written: the statement's read sees the rows as they are
        if (assigns.isEmpty() || readsWrittenRowsAlone(model, read, assigns)) {
            return tx.run(sql.updateManyReading(model, u.where(), assigns, u.limit(), answerOver(read)))
                    .map(result -> bulk(result, false));
        }
        return tx.run(sql.updateManyPlaces(model, u.where(), assigns, u.limit()))
                .chain(places -> readBackPlaces(tx, model, places, read, false));
    }

    /**
     * Whether a bulk write's records may be read back by the statement that writes them: its read-back reads no
     * related record of the written table (the statement's read would miss the write), it changes no key other
     * rows point to (their cascaded change would be missed), and the model's field rules hide no column from any
     * role (its {@code RETURNING *} needs every column).
     */
    private boolean readsWrittenRowsAlone(Model model, FindPlan read, List<Assign> assigns) {
        return !FieldAccess.hasFieldReadRules(model)
                && !WrittenTableReads.related(read.read(), model)
                && assigns.stream().noneMatch(a -> referencedKey(model, a.field()));
    }

    private Sql answerOver(FindPlan read) {
        return builder.answerOver(read, WriteStatements.WRITTEN, planner.readable());
    }

    /** The answer of a bulk write's read-back statement: one row, the records' array and how many they are. */
    private WriteResult bulk(List<Row> rows, boolean created) {
        Row row = rows.get(0);
        AnswerBudget.check(row.getDelegate(), limits);
        return new WriteResult(
                row.getString("body"), created, Optional.empty(), OptionalLong.of(row.getLong("records")));
    }

    /**
     * The records a bulk write wrote at {@code places}, read back by a second statement, which sees the write: one
     * statement for all of them.
     */
    private Uni<WriteResult> readBackPlaces(Tx tx, Model model, List<Row> places, FindPlan read, boolean created) {
        List<String> at = places.stream().map(r -> r.getString(0)).toList();
        return tx.run(sql.placesReading(model, at, answerOver(read))).map(result -> bulk(result, created));
    }

    private Uni<Long> updateMany(Tx tx, Model model, Filter where, RecordUpdate data, OptionalLong limit) {
        if (data.scalars().isEmpty()) {
            return tx.run(sql.select(model, where, Optional.empty(), false)).map(rows -> (long) rows.size());
        }
        return tx.run(sql.update(model, where, data.scalars(), Optional.empty(), limit, false))
                .map(rows -> (long) rows.size());
    }

    // --- records ---------------------------------------------------------------------------------

    /**
     * Inserts a record and its nested writes. With {@code ifAbsent}, a record that would break a unique constraint
     * is not inserted (its nested writes neither) and the result is empty.
     */
    private Uni<Optional<StoredRow>> createRecord(Tx tx, RecordCreate record, List<Assign> extra, boolean ifAbsent) {
        // a connect that may take a one-to-one's key from another record must look at that record first (P2014)
        boolean displaces = record.relations().stream().anyMatch(this::connectsOneToOne);
        Optional<FoldedCreate> folded = ifAbsent || displaces ? Optional.empty() : FoldedCreate.of(record);
        if (folded.isPresent()) {
            // no row: a connect target is missing and nothing was written; the steps say which one
            return tx.run(sql.insertFolded(folded.get(), extra))
                    .map(rows -> first(record.model(), rows))
                    .chain(row ->
                            row.isPresent() ? Uni.createFrom().item(row) : createInSteps(tx, record, extra, false));
        }
        return createInSteps(tx, record, extra, ifAbsent);
    }

    private Uni<Optional<StoredRow>> createInSteps(Tx tx, RecordCreate record, List<Assign> extra, boolean ifAbsent) {
        List<Assign> assigns = new ArrayList<>(record.scalars());
        assigns.addAll(extra);
        List<RelationWrite> first = record.relations().stream()
                .filter(RelationWrite::setsForeignKey)
                .toList();
        List<RelationWrite> then =
                record.relations().stream().filter(w -> !w.setsForeignKey()).toList();
        return each(
                        first,
                        w -> foreignKeyForNew(tx, w)
                                .call(keys -> connectsOneToOne(w)
                                        ? displacePrevious(tx, w.hop(), null, keys)
                                        : Uni.createFrom().voidItem())
                                .invoke(assigns::addAll))
                .chain(() -> tx.run(sql.insert(record.model(), assigns, ifAbsent)))
                .map(rows -> first(record.model(), rows))
                .call(row -> row.isPresent()
                        ? each(then, w -> after(tx, w, row.get()))
                        : Uni.createFrom().voidItem());
    }

    /** Updates the record {@code where} names (with its nested writes); empty when there is none. */
    private Uni<Optional<StoredRow>> updateRecord(
            Tx tx, Model model, Filter where, RecordUpdate data, Optional<String> ifMatch) {
        if (data.relations().isEmpty()) {
            if (data.scalars().isEmpty()) {
                return tx.run(sql.select(model, where, ifMatch, true)).map(rows -> first(model, rows));
            }
            return tx.run(sql.update(model, where, data.scalars(), ifMatch, OptionalLong.empty(), true))
                    .map(rows -> first(model, rows));
        }
        return tx.run(sql.select(model, where, ifMatch, true))
                .map(rows -> first(model, rows))
                .chain(current -> {
                    if (current.isEmpty()) {
                        return Uni.createFrom().item(current);
                    }
                    List<Assign> assigns = new ArrayList<>(data.scalars());
                    List<Supplier<Uni<?>>> afterwards = new ArrayList<>();
                    List<RelationWrite> first = data.relations().stream()
                            .filter(RelationWrite::setsForeignKey)
                            .toList();
                    List<RelationWrite> then = data.relations().stream()
                            .filter(w -> !w.setsForeignKey())
                            .toList();
                    return each(first, w -> before(tx, w, current.get(), assigns, afterwards))
                            .chain(() -> assigns.isEmpty()
                                    ? Uni.createFrom().item(current.get())
                                    : tx.run(sql.update(
                                                    model,
                                                    identity(current.get()),
                                                    assigns,
                                                    Optional.empty(),
                                                    OptionalLong.empty(),
                                                    true))
                                            .map(rows -> first(model, rows).orElseThrow()))
                            .call(row -> each(afterwards, Supplier::get))
                            .call(row -> each(then, w -> after(tx, w, row)))
                            .map(Optional::of);
                });
    }

    // --- nested writes where the record holds the foreign key -----------------------------------

    private Uni<List<Assign>> foreignKeyForNew(Tx tx, RelationWrite w) {
        Hop hop = w.hop();
        if (w instanceof RelationWrite.Create c) {
            return createRecord(tx, c.records().get(0), List.of(), false)
                    .map(row -> foreignKey(hop, row.orElseThrow()));
        }
        if (w instanceof RelationWrite.Connect c) {
            return findOne(tx, hop.to(), c.targets().get(0))
                    .map(row -> foreignKey(hop, row.orElseThrow(() -> WriteFailures.nestedMissing(hop, "connect"))));
        }
        if (w instanceof RelationWrite.ConnectOrCreate c) {
            return findOrCreate(tx, hop.to(), c.items().get(0), List.of()).map(found -> foreignKey(hop, found.row()));
        }
        throw new IllegalStateException("not a write of a new record: " + w);
    }

    private Uni<?> before(
            Tx tx, RelationWrite w, StoredRow current, List<Assign> assigns, List<Supplier<Uni<?>>> afterwards) {
        Hop hop = w.hop();
        Model to = hop.to();
        if (w instanceof RelationWrite.Connect || w instanceof RelationWrite.ConnectOrCreate) {
            return foreignKeyForNew(tx, w)
                    .call(keys -> displacePrevious(tx, hop, current, keys))
                    .invoke(assigns::addAll);
        } else if (w instanceof RelationWrite.Create) {
            return foreignKeyForNew(tx, w).invoke(assigns::addAll);
        } else if (w instanceof RelationWrite.Disconnect d) {
            return findOne(tx, to, and(linked(hop, current), d.targets().get(0)))
                    .invoke(found -> {
                        if (found.isPresent()) {
                            assigns.addAll(nullForeignKey(hop));
                        }
                    });
        } else if (w instanceof RelationWrite.Delete d) {
            return findOne(tx, to, and(linked(hop, current), d.targets().get(0)))
                    .invoke(found -> {
                        StoredRow child = found.orElseThrow(() -> WriteFailures.nestedMissing(hop, "delete"));
                        assigns.addAll(nullForeignKey(hop));
                        afterwards.add(() -> tx.run(sql.delete(to, identity(child), OptionalLong.empty(), false)));
                    });
        } else if (w instanceof RelationWrite.Update u) {
            return each(
                    u.items(),
                    item -> updateRecord(tx, to, and(linked(hop, current), item.where()), item.data(), Optional.empty())
                            .invoke(row -> row.orElseThrow(() -> WriteFailures.nestedMissing(hop, "update"))));
        } else if (w instanceof RelationWrite.Upsert u) {
            return each(
                    u.items(),
                    item -> findOne(tx, to, and(linked(hop, current), item.where()))
                            .chain(existing -> existing.isPresent()
                                    ? updateRecord(tx, to, identity(existing.get()), item.update(), Optional.empty())
                                    : createRecord(tx, item.create(), List.of(), false)
                                            .invoke(row -> assigns.addAll(foreignKey(hop, row.orElseThrow())))));
        }
        throw new IllegalStateException("not a to-one write: " + w);
    }

    // --- nested writes where the related records hold the key (or a join table does) -------------

    private Uni<?> after(Tx tx, RelationWrite w, StoredRow parent) {
        Hop hop = w.hop();
        Model to = hop.to();
        boolean joinTable = hop.relation().kind() == Relation.Kind.MANY_TO_MANY;
        Filter linked = linked(hop, parent);
        if (w instanceof RelationWrite.Create c) {
            return each(c.records(), record -> createLinked(tx, hop, parent, record));
        } else if (w instanceof RelationWrite.CreateMany c) {
            List<List<Assign>> rows = new ArrayList<>();
            for (RecordCreate record : c.records()) {
                List<Assign> row = new ArrayList<>(record.scalars());
                row.addAll(childForeignKey(hop, parent));
                rows.add(row);
            }
            return rows.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : tx.run(sql.insertMany(to, rows, c.skipDuplicates(), false));
        } else if (w instanceof RelationWrite.Connect c) {
            return each(c.targets(), target -> connect(tx, hop, parent, target));
        } else if (w instanceof RelationWrite.ConnectOrCreate c) {
            return each(
                    c.items(),
                    item -> findOrCreate(tx, to, item, joinTable ? List.of() : childForeignKey(hop, parent))
                            .chain(found -> {
                                if (joinTable) {
                                    return link(tx, hop, parent, found.row());
                                }
                                return found.created()
                                        ? Uni.createFrom().voidItem()
                                        : connect(tx, hop, parent, identity(found.row()));
                            }));
        } else if (w instanceof RelationWrite.Set s) {
            Filter others = and(linked, new Filter.Not(new Filter.Or(s.targets())));
            Uni<?> cleared = joinTable
                    ? tx.run(unlink(hop, parent, Filter.TRUE))
                    : childKeyRequired(hop)
                            ? refuseOrphans(tx, hop, others)
                            : tx.run(sql.update(
                                    to,
                                    others,
                                    nullChildForeignKey(hop),
                                    Optional.empty(),
                                    OptionalLong.empty(),
                                    false));
            return cleared.chain(() -> each(s.targets(), target -> connect(tx, hop, parent, target)));
        } else if (w instanceof RelationWrite.Disconnect d) {
            if (!joinTable && childKeyRequired(hop)) {
                // Prisma refuses this before looking at any record: the related records cannot exist without one
                throw WriteFailures.requiredRelation(
                        hop,
                        Map.of(
                                "relation_name",
                                hop.relation().name(),
                                "model_a_name",
                                WriteFailures.modelA(hop),
                                "model_b_name",
                                WriteFailures.modelB(hop)));
            }
            return each(
                    d.targets(),
                    target -> joinTable
                            ? tx.run(unlink(hop, parent, target))
                            : tx.run(sql.update(
                                    to,
                                    and(linked, target),
                                    nullChildForeignKey(hop),
                                    Optional.empty(),
                                    OptionalLong.empty(),
                                    false)));
        } else if (w instanceof RelationWrite.Delete d) {
            return each(
                    d.targets(),
                    target -> tx.run(sql.delete(to, and(linked, target), OptionalLong.empty(), false))
                            .invoke(rows -> {
                                if (rows.isEmpty()) {
                                    throw hop.toMany()
                                            ? WriteFailures.notConnected(hop)
                                            : WriteFailures.nestedMissing(hop, "delete");
                                }
                            }));
        } else if (w instanceof RelationWrite.Update u) {
            return each(
                    u.items(),
                    item -> updateRecord(tx, to, and(linked, item.where()), item.data(), Optional.empty())
                            .invoke(row -> row.orElseThrow(() -> WriteFailures.nestedMissing(hop, "update"))));
        } else if (w instanceof RelationWrite.UpdateMany u) {
            return each(
                    u.items(),
                    item -> updateMany(tx, to, and(linked, item.where()), item.data(), OptionalLong.empty()));
        } else if (w instanceof RelationWrite.DeleteMany d) {
            return each(
                    d.filters(), filter -> tx.run(sql.delete(to, and(linked, filter), OptionalLong.empty(), false)));
        } else if (w instanceof RelationWrite.Upsert u) {
            return each(
                    u.items(),
                    item -> findOne(tx, to, and(linked, item.where()))
                            .chain(existing -> existing.isPresent()
                                    ? updateRecord(tx, to, identity(existing.get()), item.update(), Optional.empty())
                                    : createLinked(tx, hop, parent, item.create())));
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<?> createLinked(Tx tx, Hop hop, StoredRow parent, RecordCreate record) {
        if (hop.relation().kind() == Relation.Kind.MANY_TO_MANY) {
            return createRecord(tx, record, List.of(), false).chain(row -> link(tx, hop, parent, row.orElseThrow()));
        }
        Uni<?> detached =
                hop.toMany() ? Uni.createFrom().voidItem() : detachCurrent(tx, hop, parent, new Filter.Const(false));
        return detached.chain(() -> createRecord(tx, record, childForeignKey(hop, parent), false));
    }

    /** Links the record {@code target} names to {@code parent}; a to-one's previous record is let go first. */
    private Uni<?> connect(Tx tx, Hop hop, StoredRow parent, Filter target) {
        if (hop.relation().kind() == Relation.Kind.MANY_TO_MANY) {
            return findOne(tx, hop.to(), target)
                    .chain(row ->
                            link(tx, hop, parent, row.orElseThrow(() -> WriteFailures.nestedMissing(hop, "connect"))));
        }
        if (hop.toMany()) {
            return tx.run(sql.update(
                            hop.to(),
                            target,
                            childForeignKey(hop, parent),
                            Optional.empty(),
                            OptionalLong.empty(),
                            false))
                    .invoke(rows -> {
                        if (rows.isEmpty()) {
                            throw WriteFailures.connectedMissing(hop);
                        }
                    });
        }
        // Prisma looks for the record to connect before it lets the previous one go (P2025 before P2014)
        return findOne(tx, hop.to(), target)
                .invoke(row -> row.orElseThrow(() -> WriteFailures.nestedMissing(hop, "connect")))
                .chain(() -> detachCurrent(tx, hop, parent, target))
                .chain(() -> tx.run(sql.update(
                        hop.to(),
                        target,
                        childForeignKey(hop, parent),
                        Optional.empty(),
                        OptionalLong.empty(),
                        false)));
    }

    /**
     * A one-to-one's record linked to {@code parent} (other than {@code keep}) is disconnected; when its key may
     * not be null, the write is refused (P2014), as Prisma does.
     */
    private Uni<?> detachCurrent(Tx tx, Hop hop, StoredRow parent, Filter keep) {
        Filter others = and(linked(hop, parent), new Filter.Not(keep));
        if (childKeyRequired(hop)) {
            return refuseOrphans(tx, hop, others);
        }
        return tx.run(
                sql.update(hop.to(), others, nullChildForeignKey(hop), Optional.empty(), OptionalLong.empty(), false));
    }

    /** A connect (or connectOrCreate) from the side holding the foreign key of a one-to-one. */
    private boolean connectsOneToOne(RelationWrite w) {
        return (w instanceof RelationWrite.Connect || w instanceof RelationWrite.ConnectOrCreate)
                && w.setsForeignKey()
                && planner.inverse(w.hop()).filter(back -> !back.isList()).isPresent();
    }

    /**
     * Before {@code current} (null for a record being created) points to a record of a one-to-one, the record of
     * its own model that pointed there is let go; when its key may not be null, the write is refused (P2014).
     */
    private Uni<?> displacePrevious(Tx tx, Hop hop, StoredRow current, List<Assign> keys) {
        boolean oneToOne = planner.inverse(hop).filter(back -> !back.isList()).isPresent();
        if (!oneToOne || keys.stream().anyMatch(k -> !(k instanceof Assign.Set))) {
            return Uni.createFrom().voidItem();
        }
        List<Filter> sameKey = new ArrayList<>();
        for (Assign k : keys) {
            sameKey.add(
                    new Filter.Compare(k.field(), Filter.CompareOp.EQ, (Value.One) ((Assign.Set) k).value(), false));
        }
        Filter previous = current == null
                ? new Filter.And(sameKey)
                : and(new Filter.And(sameKey), new Filter.Not(identity(current)));
        boolean required = keys.stream().anyMatch(k -> k.field().isRequired());
        if (required) {
            return findOne(tx, hop.from(), previous).invoke(found -> {
                if (found.isPresent()) {
                    throw WriteFailures.requiredRelation(
                            hop,
                            Map.of(
                                    "relation",
                                    hop.relation().name(),
                                    "modelA",
                                    WriteFailures.modelA(hop),
                                    "modelB",
                                    WriteFailures.modelB(hop)));
                }
            });
        }
        return tx.run(
                sql.update(hop.from(), previous, nullForeignKey(hop), Optional.empty(), OptionalLong.empty(), false));
    }

    /** Whether the records of {@code hop.to()} need a related record (their foreign key is required). */
    private static boolean childKeyRequired(Hop hop) {
        return hop.relation().referencingScalars().stream()
                .anyMatch(f -> hop.to().scalarField(f).isRequired());
    }

    /**
     * P2014 when a record of {@code hop.to()} matching {@code orphans} exists: it would lose its required relation.
     */
    private Uni<?> refuseOrphans(Tx tx, Hop hop, Filter orphans) {
        return findOne(tx, hop.to(), orphans).invoke(found -> {
            if (found.isPresent()) {
                throw WriteFailures.requiredRelation(
                        hop,
                        Map.of(
                                "relation",
                                hop.relation().name(),
                                "modelA",
                                WriteFailures.modelA(hop),
                                "modelB",
                                WriteFailures.modelB(hop)));
            }
        });
    }

    private record Found(StoredRow row, boolean created) {}

    /**
     * connectOrCreate's target: the record {@code where} names, else a new one. Two requests racing to create the
     * same record both end with it: the loser's insert does nothing on the unique conflict, then finds the
     * winner's.
     */
    private Uni<Found> findOrCreate(Tx tx, Model model, RelationWrite.WhereCreate item, List<Assign> extra) {
        return findOne(tx, model, item.where()).chain(found -> {
            if (found.isPresent()) {
                return Uni.createFrom().item(new Found(found.get(), false));
            }
            Uni<Found> create =
                    createRecord(tx, item.create(), extra, false).map(row -> new Found(row.orElseThrow(), true));
            boolean createsOthersFirst = item.create().relations().stream().anyMatch(RelationWrite::setsForeignKey);
            if (createsOthersFirst) {
                return create;
            }
            return createRecord(tx, item.create(), extra, true)
                    .chain(created -> created.isPresent()
                            ? Uni.createFrom().item(new Found(created.get(), true))
                            : findOne(tx, model, item.where())
                                    .chain(again -> again.isPresent()
                                            ? Uni.createFrom().item(new Found(again.get(), false))
                                            : create));
        });
    }

    // --- keys and links --------------------------------------------------------------------------

    /** The foreign key of {@code hop.from()} pointing to {@code target}. */
    private List<Assign> foreignKey(Hop hop, StoredRow target) {
        Relation r = hop.relation();
        List<Assign> out = new ArrayList<>();
        for (int i = 0; i < r.referencingScalars().size(); i++) {
            out.add(assign(
                    hop.from().scalarField(r.referencingScalars().get(i)),
                    target.get(r.referencedScalars().get(i))));
        }
        return out;
    }

    private static List<Assign> nullForeignKey(Hop hop) {
        return hop.relation().referencingScalars().stream()
                .map(f -> (Assign) new Assign.SetNull(hop.from().scalarField(f)))
                .toList();
    }

    /** The foreign key of a record of {@code hop.to()} pointing to {@code parent}. */
    private List<Assign> childForeignKey(Hop hop, StoredRow parent) {
        Relation r = hop.relation();
        List<Assign> out = new ArrayList<>();
        for (int i = 0; i < r.referencingScalars().size(); i++) {
            out.add(assign(
                    hop.to().scalarField(r.referencingScalars().get(i)),
                    parent.get(r.referencedScalars().get(i))));
        }
        return out;
    }

    private static List<Assign> nullChildForeignKey(Hop hop) {
        return hop.relation().referencingScalars().stream()
                .map(f -> (Assign) new Assign.SetNull(hop.to().scalarField(f)))
                .toList();
    }

    private Assign assign(ScalarField field, String apiText) {
        return apiText == null ? new Assign.SetNull(field) : new Assign.Set(field, key(field, apiText));
    }

    private Value.One key(ScalarField field, String apiText) {
        return resolver.value(field, TextNode.valueOf(apiText), ArgPath.ofText("key"));
    }

    private Uni<List<Row>> link(Tx tx, Hop hop, StoredRow parent, StoredRow child) {
        Relation r = hop.relation();
        boolean parentIsA = hop.fromIsJoinColumnA();
        StoredRow a = parentIsA ? parent : child;
        StoredRow b = parentIsA ? child : parent;
        ScalarField aId = a.model().scalarField(r.referencingScalars().get(0));
        ScalarField bId = b.model().scalarField(r.referencedScalars().get(0));
        return tx.run(sql.link(r, a.model(), key(aId, a.get(aId.name())), key(bId, b.get(bId.name()))));
    }

    private SqlStatement unlink(Hop hop, StoredRow parent, Filter target) {
        Relation r = hop.relation();
        boolean parentIsA = hop.fromIsJoinColumnA();
        ScalarField ownId = parent.model()
                .scalarField(
                        parentIsA
                                ? r.referencingScalars().get(0)
                                : r.referencedScalars().get(0));
        ScalarField otherId = hop.to()
                .scalarField(
                        parentIsA
                                ? r.referencedScalars().get(0)
                                : r.referencingScalars().get(0));
        return sql.unlink(
                r,
                parent.model(),
                parentIsA ? "A" : "B",
                key(ownId, parent.get(ownId.name())),
                hop.to(),
                otherId,
                target);
    }

    /** Records of {@code hop.to()} linked to {@code parent}, as a filter on them. */
    private Filter linked(Hop hop, StoredRow parent) {
        RelationField back = planner.inverse(hop)
                .orElseThrow(() -> new IllegalStateException(
                        "no back relation for " + hop.field().name()));
        Hop backHop = resolver.hop(hop.to(), back);
        Filter.Quantifier q = back.isList() ? Filter.Quantifier.SOME : Filter.Quantifier.IS;
        return new Filter.Related(backHop, q, Optional.of(identity(parent)));
    }

    /** The filter naming exactly {@code row} by its identity (primary key, else first unique). */
    private Filter identity(StoredRow row) {
        List<Filter> parts = new ArrayList<>();
        for (ScalarField f : resolver.identity(row.model())) {
            parts.add(new Filter.Compare(f, Filter.CompareOp.EQ, key(f, row.get(f.name())), false));
        }
        return new Filter.And(parts);
    }

    private static Filter and(Filter a, Filter b) {
        return new Filter.And(List.of(a, b));
    }

    private Uni<Optional<StoredRow>> findOne(Tx tx, Model model, Filter where) {
        return tx.run(sql.select(model, where, Optional.empty(), false)).map(rows -> first(model, rows));
    }

    private Optional<StoredRow> first(Model model, List<Row> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(row(model, rows.get(0)));
    }

    private StoredRow row(Model model, Row r) {
        List<ScalarField> fields = sql.returnedFields(model);
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            values.put(fields.get(i).name(), r.getString(i));
        }
        return new StoredRow(model, values, r.getString(fields.size()));
    }

    // --- the answer ------------------------------------------------------------------------------

    /** The written record, shaped by the write's select/include/omit, read in the write's transaction. */
    private Uni<String> readBack(Tx tx, StoredRow row, ReadShape shape) {
        ObjectNode args = shape.args().deepCopy();
        args.set("where", identityWhere(row));
        Map<String, ArgPath> origins = new HashMap<>(shape.origins());
        origins.put("where", ArgPath.ofText("where"));
        return read(tx, row.model(), new ReadArgs(Operation.FIND_UNIQUE, args, origins));
    }

    private ObjectNode identityWhere(StoredRow row) {
        List<ScalarField> identity = resolver.identity(row.model());
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        identity.forEach(f -> fields.put(f.name(), row.get(f.name())));
        if (identity.size() == 1) {
            return fields;
        }
        List<String> names = identity.stream().map(ScalarField::name).toList();
        String criterion = resolver.uniqueCriteria(row.model()).entrySet().stream()
                .filter(e -> e.getValue().equals(names))
                .findFirst()
                .orElseThrow()
                .getKey();
        ObjectNode where = JsonNodeFactory.instance.objectNode();
        where.set(criterion, fields);
        return where;
    }

    // --- errors ----------------------------------------------------------------------------------

    /**
     * The failure of a write that found no record: 412 when it exists in another version than If-Match named, else
     * P2025.
     */
    private <T> Uni<T> missing(Tx tx, Model model, Filter where, Optional<String> ifMatch, String operation) {
        Uni<Boolean> exists = ifMatch.isPresent()
                ? findOne(tx, model, where).map(Optional::isPresent)
                : Uni.createFrom().item(false);
        return exists.chain(changed -> Uni.createFrom()
                .failure(changed ? WriteFailures.preconditionFailed(model) : WriteFailures.notFound(model, operation)));
    }
}
