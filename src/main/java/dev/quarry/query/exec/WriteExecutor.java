package dev.quarry.query.exec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.quarry.query.ArgPath;
import dev.quarry.query.args.Operation;
import dev.quarry.query.args.ReadArgs;
import dev.quarry.query.plan.Filter;
import dev.quarry.query.plan.Hop;
import dev.quarry.query.plan.Limits;
import dev.quarry.query.plan.QueryPlanner;
import dev.quarry.query.plan.Resolver;
import dev.quarry.query.plan.Value;
import dev.quarry.query.sql.QueryBuilder;
import dev.quarry.query.write.Assign;
import dev.quarry.query.write.ReadShape;
import dev.quarry.query.write.RecordCreate;
import dev.quarry.query.write.RecordUpdate;
import dev.quarry.query.write.RelationWrite;
import dev.quarry.query.write.StoredRow;
import dev.quarry.query.write.WriteError;
import dev.quarry.query.write.WritePlan;
import dev.quarry.query.write.WritePlanner;
import dev.quarry.query.write.WriteStatements;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.Relation;
import dev.quarry.schema.model.RelationField;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.Schema;
import io.vertx.mutiny.sqlclient.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Runs a {@link WritePlan} inside one transaction, statement by statement, in the order of the relation graph:
 * writes that decide a record's foreign key (the related record it points to) run before the record is written,
 * writes on records pointing to it run after. Each step is one statement ({@code INSERT/UPDATE/DELETE … RETURNING});
 * the answer is read back at the end, in the same transaction, by the read machinery.
 */
public final class WriteExecutor {

    private final Schema schema;
    private final WritePlanner planner;
    private final Resolver resolver;
    private final WriteStatements sql;
    private final QueryPlanner reads;
    private final QueryBuilder builder;

    public WriteExecutor(Schema schema, WritePlanner planner, Limits limits) {
        this.schema = schema;
        this.planner = planner;
        this.resolver = planner.resolver();
        this.sql = new WriteStatements(schema, resolver);
        this.reads = new QueryPlanner(schema, limits);
        this.builder = new QueryBuilder(schema);
    }

    /** Whether a transaction running {@code plan} may be retried after a unique violation (a racing upsert). */
    public static boolean retriesUniqueViolations(WritePlan plan) {
        return plan instanceof WritePlan.Upsert;
    }

    public WriteResult execute(Tx tx, WritePlan plan) {
        Model model = plan.model();
        if (plan instanceof WritePlan.Create c) {
            StoredRow row = createRecord(tx, c.record(), List.of(), false).orElseThrow();
            return new WriteResult(readBack(tx, row, c.shape()), true, Optional.of(row));
        }
        if (plan instanceof WritePlan.CreateMany c) {
            return createMany(tx, c);
        }
        if (plan instanceof WritePlan.Update u) {
            StoredRow row = updateRecord(tx, model, u.where(), u.data(), u.ifMatch())
                    .orElseThrow(() -> missing(tx, model, u.where(), u.ifMatch(), "an update"));
            return new WriteResult(readBack(tx, row, u.shape()), false, Optional.of(row));
        }
        if (plan instanceof WritePlan.Upsert u) {
            Optional<StoredRow> existing = first(model, tx.run(sql.select(model, u.where(), u.ifMatch(), true)));
            if (existing.isEmpty() && u.ifMatch().isPresent()) {
                throw preconditionFailed(model);
            }
            if (existing.isPresent()) {
                StoredRow row = updateRecord(tx, model, identity(existing.get()), u.update(), Optional.empty()).orElseThrow();
                return new WriteResult(readBack(tx, row, u.shape()), false, Optional.of(row));
            }
            StoredRow row = createRecord(tx, u.create(), List.of(), false).orElseThrow();
            return new WriteResult(readBack(tx, row, u.shape()), true, Optional.of(row));
        }
        if (plan instanceof WritePlan.Delete d) {
            StoredRow row = first(model, tx.run(sql.select(model, d.where(), d.ifMatch(), true)))
                    .orElseThrow(() -> missing(tx, model, d.where(), d.ifMatch(), "a delete"));
            String body = readBack(tx, row, d.shape());
            tx.run(sql.delete(model, identity(row), OptionalLong.empty(), false));
            return new WriteResult(body, false, Optional.empty());
        }
        if (plan instanceof WritePlan.UpdateMany u) {
            return count(updateMany(tx, model, u.where(), u.data(), u.limit()));
        }
        WritePlan.DeleteMany d = (WritePlan.DeleteMany) plan;
        return count(tx.run(sql.delete(model, d.where(), d.limit(), false)).size());
    }

    /** A read inside a write transaction ({@code $transaction}): the body PostgreSQL builds. */
    public String read(Tx tx, Model model, ReadArgs args) {
        return body(tx.run(builder.build(reads.plan(model, args), false)));
    }

    private static WriteResult count(long n) {
        return new WriteResult("{\"count\":" + n + "}", false, Optional.empty());
    }

    private static String body(List<Row> rows) {
        String body = rows.isEmpty() ? null : rows.get(0).getString(0);
        return body == null ? "null" : body;
    }

    private WriteResult createMany(Tx tx, WritePlan.CreateMany c) {
        Model model = c.model();
        if (c.records().isEmpty()) {
            return c.returning().isPresent() ? new WriteResult("[]", true, Optional.empty()) : count(0);
        }
        List<List<Assign>> rows = c.records().stream().map(RecordCreate::scalars).toList();
        List<Row> result = tx.run(sql.insertMany(model, rows, c.skipDuplicates(), c.returning().isPresent()));
        if (c.returning().isEmpty()) {
            return count(result.size());
        }
        List<String> bodies = new ArrayList<>();
        for (Row r : result) {
            bodies.add(readBack(tx, row(model, r), c.returning().get()));
        }
        return new WriteResult("[" + String.join(",", bodies) + "]", true, Optional.empty());
    }

    private long updateMany(Tx tx, Model model, Filter where, RecordUpdate data, OptionalLong limit) {
        if (data.scalars().isEmpty()) {
            return tx.run(sql.select(model, where, Optional.empty(), false)).size();
        }
        return tx.run(sql.update(model, where, data.scalars(), Optional.empty(), limit, false)).size();
    }

    // --- records ---------------------------------------------------------------------------------

    /**
     * Inserts a record and its nested writes. With {@code ifAbsent}, a record that would break a unique constraint
     * is not inserted (its nested writes neither) and the result is empty.
     */
    private Optional<StoredRow> createRecord(Tx tx, RecordCreate record, List<Assign> extra, boolean ifAbsent) {
        List<Assign> assigns = new ArrayList<>(record.scalars());
        assigns.addAll(extra);
        for (RelationWrite w : record.relations()) {
            if (w.setsForeignKey()) {
                assigns.addAll(foreignKeyForNew(tx, w));
            }
        }
        Optional<StoredRow> row = first(record.model(), tx.run(sql.insert(record.model(), assigns, ifAbsent)));
        if (row.isPresent()) {
            for (RelationWrite w : record.relations()) {
                if (!w.setsForeignKey()) {
                    after(tx, w, row.get());
                }
            }
        }
        return row;
    }

    /** Updates the record {@code where} names (with its nested writes); empty when there is none. */
    private Optional<StoredRow> updateRecord(Tx tx, Model model, Filter where, RecordUpdate data, Optional<String> ifMatch) {
        if (data.relations().isEmpty()) {
            if (data.scalars().isEmpty()) {
                return first(model, tx.run(sql.select(model, where, ifMatch, true)));
            }
            return first(model, tx.run(sql.update(model, where, data.scalars(), ifMatch, OptionalLong.empty(), true)));
        }
        Optional<StoredRow> current = first(model, tx.run(sql.select(model, where, ifMatch, true)));
        if (current.isEmpty()) {
            return current;
        }
        List<Assign> assigns = new ArrayList<>(data.scalars());
        List<Runnable> afterwards = new ArrayList<>();
        for (RelationWrite w : data.relations()) {
            if (w.setsForeignKey()) {
                before(tx, w, current.get(), assigns, afterwards);
            }
        }
        StoredRow row = assigns.isEmpty() ? current.get()
                : first(model, tx.run(sql.update(model, identity(current.get()), assigns, Optional.empty(), OptionalLong.empty(), true))).orElseThrow();
        afterwards.forEach(Runnable::run);
        for (RelationWrite w : data.relations()) {
            if (!w.setsForeignKey()) {
                after(tx, w, row);
            }
        }
        return Optional.of(row);
    }

    // --- nested writes where the record holds the foreign key -----------------------------------

    private List<Assign> foreignKeyForNew(Tx tx, RelationWrite w) {
        Hop hop = w.hop();
        if (w instanceof RelationWrite.Create c) {
            return foreignKey(hop, createRecord(tx, c.records().get(0), List.of(), false).orElseThrow());
        }
        if (w instanceof RelationWrite.Connect c) {
            return foreignKey(hop, findOne(tx, hop.to(), c.targets().get(0)).orElseThrow(() -> nestedMissing(hop, "connect")));
        }
        if (w instanceof RelationWrite.ConnectOrCreate c) {
            return foreignKey(hop, findOrCreate(tx, hop.to(), c.items().get(0), List.of()).row());
        }
        throw new IllegalStateException("not a write of a new record: " + w);
    }

    private void before(Tx tx, RelationWrite w, StoredRow current, List<Assign> assigns, List<Runnable> afterwards) {
        Hop hop = w.hop();
        Model to = hop.to();
        if (w instanceof RelationWrite.Create || w instanceof RelationWrite.Connect || w instanceof RelationWrite.ConnectOrCreate) {
            assigns.addAll(foreignKeyForNew(tx, w));
        } else if (w instanceof RelationWrite.Disconnect d) {
            if (findOne(tx, to, and(linked(hop, current), d.targets().get(0))).isPresent()) {
                assigns.addAll(nullForeignKey(hop));
            }
        } else if (w instanceof RelationWrite.Delete d) {
            StoredRow child = findOne(tx, to, and(linked(hop, current), d.targets().get(0))).orElseThrow(() -> nestedMissing(hop, "delete"));
            assigns.addAll(nullForeignKey(hop));
            afterwards.add(() -> tx.run(sql.delete(to, identity(child), OptionalLong.empty(), false)));
        } else if (w instanceof RelationWrite.Update u) {
            for (RelationWrite.WhereUpdate item : u.items()) {
                updateRecord(tx, to, and(linked(hop, current), item.where()), item.data(), Optional.empty())
                        .orElseThrow(() -> nestedMissing(hop, "update"));
            }
        } else if (w instanceof RelationWrite.Upsert u) {
            for (RelationWrite.WhereUpsert item : u.items()) {
                Optional<StoredRow> existing = findOne(tx, to, and(linked(hop, current), item.where()));
                if (existing.isPresent()) {
                    updateRecord(tx, to, identity(existing.get()), item.update(), Optional.empty());
                } else {
                    assigns.addAll(foreignKey(hop, createRecord(tx, item.create(), List.of(), false).orElseThrow()));
                }
            }
        } else {
            throw new IllegalStateException("not a to-one write: " + w);
        }
    }

    // --- nested writes where the related records hold the key (or a join table does) -------------

    private void after(Tx tx, RelationWrite w, StoredRow parent) {
        Hop hop = w.hop();
        Model to = hop.to();
        boolean joinTable = hop.relation().kind() == Relation.Kind.MANY_TO_MANY;
        Filter linked = linked(hop, parent);
        if (w instanceof RelationWrite.Create c) {
            for (RecordCreate record : c.records()) {
                createLinked(tx, hop, parent, record);
            }
        } else if (w instanceof RelationWrite.CreateMany c) {
            List<List<Assign>> rows = new ArrayList<>();
            for (RecordCreate record : c.records()) {
                List<Assign> row = new ArrayList<>(record.scalars());
                row.addAll(childForeignKey(hop, parent));
                rows.add(row);
            }
            if (!rows.isEmpty()) {
                tx.run(sql.insertMany(to, rows, c.skipDuplicates(), false));
            }
        } else if (w instanceof RelationWrite.Connect c) {
            for (Filter target : c.targets()) {
                connect(tx, hop, parent, target);
            }
        } else if (w instanceof RelationWrite.ConnectOrCreate c) {
            for (RelationWrite.WhereCreate item : c.items()) {
                Found found = findOrCreate(tx, to, item, joinTable ? List.of() : childForeignKey(hop, parent));
                if (joinTable) {
                    link(tx, hop, parent, found.row());
                } else if (!found.created()) {
                    connect(tx, hop, parent, identity(found.row()));
                }
            }
        } else if (w instanceof RelationWrite.Set s) {
            if (joinTable) {
                tx.run(unlink(hop, parent, Filter.TRUE));
            } else {
                Filter others = and(linked, new Filter.Not(new Filter.Or(s.targets())));
                tx.run(sql.update(to, others, nullChildForeignKey(hop), Optional.empty(), OptionalLong.empty(), false));
            }
            for (Filter target : s.targets()) {
                connect(tx, hop, parent, target);
            }
        } else if (w instanceof RelationWrite.Disconnect d) {
            for (Filter target : d.targets()) {
                if (joinTable) {
                    tx.run(unlink(hop, parent, target));
                } else {
                    tx.run(sql.update(to, and(linked, target), nullChildForeignKey(hop), Optional.empty(), OptionalLong.empty(), false));
                }
            }
        } else if (w instanceof RelationWrite.Delete d) {
            for (Filter target : d.targets()) {
                if (tx.run(sql.delete(to, and(linked, target), OptionalLong.empty(), false)).isEmpty()) {
                    throw nestedMissing(hop, "delete");
                }
            }
        } else if (w instanceof RelationWrite.Update u) {
            for (RelationWrite.WhereUpdate item : u.items()) {
                updateRecord(tx, to, and(linked, item.where()), item.data(), Optional.empty()).orElseThrow(() -> nestedMissing(hop, "update"));
            }
        } else if (w instanceof RelationWrite.UpdateMany u) {
            for (RelationWrite.WhereUpdate item : u.items()) {
                updateMany(tx, to, and(linked, item.where()), item.data(), OptionalLong.empty());
            }
        } else if (w instanceof RelationWrite.DeleteMany d) {
            for (Filter filter : d.filters()) {
                tx.run(sql.delete(to, and(linked, filter), OptionalLong.empty(), false));
            }
        } else if (w instanceof RelationWrite.Upsert u) {
            for (RelationWrite.WhereUpsert item : u.items()) {
                Optional<StoredRow> existing = findOne(tx, to, and(linked, item.where()));
                if (existing.isPresent()) {
                    updateRecord(tx, to, identity(existing.get()), item.update(), Optional.empty());
                } else {
                    createLinked(tx, hop, parent, item.create());
                }
            }
        }
    }

    private void createLinked(Tx tx, Hop hop, StoredRow parent, RecordCreate record) {
        if (hop.relation().kind() == Relation.Kind.MANY_TO_MANY) {
            link(tx, hop, parent, createRecord(tx, record, List.of(), false).orElseThrow());
        } else {
            if (!hop.toMany()) {
                detachCurrent(tx, hop, parent, new Filter.Const(false));
            }
            createRecord(tx, record, childForeignKey(hop, parent), false);
        }
    }

    /** Links the record {@code target} names to {@code parent}; a to-one's previous record is let go first. */
    private void connect(Tx tx, Hop hop, StoredRow parent, Filter target) {
        if (hop.relation().kind() == Relation.Kind.MANY_TO_MANY) {
            link(tx, hop, parent, findOne(tx, hop.to(), target).orElseThrow(() -> nestedMissing(hop, "connect")));
            return;
        }
        if (!hop.toMany()) {
            detachCurrent(tx, hop, parent, target);
        }
        if (tx.run(sql.update(hop.to(), target, childForeignKey(hop, parent), Optional.empty(), OptionalLong.empty(), false)).isEmpty()) {
            throw nestedMissing(hop, "connect");
        }
    }

    /** A one-to-one's record linked to {@code parent} (other than {@code keep}) is disconnected, when its key may be null. */
    private void detachCurrent(Tx tx, Hop hop, StoredRow parent, Filter keep) {
        boolean nullable = hop.relation().referencingScalars().stream().noneMatch(f -> hop.to().scalarField(f).isRequired());
        if (nullable) {
            Filter others = and(linked(hop, parent), new Filter.Not(keep));
            tx.run(sql.update(hop.to(), others, nullChildForeignKey(hop), Optional.empty(), OptionalLong.empty(), false));
        }
    }

    private record Found(StoredRow row, boolean created) {}

    /**
     * connectOrCreate's target: the record {@code where} names, else a new one. Two requests racing to create the
     * same record both end with it: the loser's insert does nothing on the unique conflict, then finds the winner's.
     */
    private Found findOrCreate(Tx tx, Model model, RelationWrite.WhereCreate item, List<Assign> extra) {
        Optional<StoredRow> found = findOne(tx, model, item.where());
        if (found.isPresent()) {
            return new Found(found.get(), false);
        }
        boolean createsOthersFirst = item.create().relations().stream().anyMatch(RelationWrite::setsForeignKey);
        if (!createsOthersFirst) {
            Optional<StoredRow> created = createRecord(tx, item.create(), extra, true);
            if (created.isPresent()) {
                return new Found(created.get(), true);
            }
            found = findOne(tx, model, item.where());
            if (found.isPresent()) {
                return new Found(found.get(), false);
            }
        }
        return new Found(createRecord(tx, item.create(), extra, false).orElseThrow(), true);
    }

    // --- keys and links --------------------------------------------------------------------------

    /** The foreign key of {@code hop.from()} pointing to {@code target}. */
    private List<Assign> foreignKey(Hop hop, StoredRow target) {
        Relation r = hop.relation();
        List<Assign> out = new ArrayList<>();
        for (int i = 0; i < r.referencingScalars().size(); i++) {
            out.add(assign(hop.from().scalarField(r.referencingScalars().get(i)), target.get(r.referencedScalars().get(i))));
        }
        return out;
    }

    private static List<Assign> nullForeignKey(Hop hop) {
        return hop.relation().referencingScalars().stream().map(f -> (Assign) new Assign.SetNull(hop.from().scalarField(f))).toList();
    }

    /** The foreign key of a record of {@code hop.to()} pointing to {@code parent}. */
    private List<Assign> childForeignKey(Hop hop, StoredRow parent) {
        Relation r = hop.relation();
        List<Assign> out = new ArrayList<>();
        for (int i = 0; i < r.referencingScalars().size(); i++) {
            out.add(assign(hop.to().scalarField(r.referencingScalars().get(i)), parent.get(r.referencedScalars().get(i))));
        }
        return out;
    }

    private static List<Assign> nullChildForeignKey(Hop hop) {
        return hop.relation().referencingScalars().stream().map(f -> (Assign) new Assign.SetNull(hop.to().scalarField(f))).toList();
    }

    private Assign assign(ScalarField field, String apiText) {
        return apiText == null ? new Assign.SetNull(field) : new Assign.Set(field, key(field, apiText));
    }

    private Value.One key(ScalarField field, String apiText) {
        return resolver.value(field, TextNode.valueOf(apiText), ArgPath.ofText("key"));
    }

    private void link(Tx tx, Hop hop, StoredRow parent, StoredRow child) {
        Relation r = hop.relation();
        boolean parentIsA = hop.fromIsJoinColumnA();
        StoredRow a = parentIsA ? parent : child;
        StoredRow b = parentIsA ? child : parent;
        ScalarField aId = a.model().scalarField(r.referencingScalars().get(0));
        ScalarField bId = b.model().scalarField(r.referencedScalars().get(0));
        tx.run(sql.link(r, a.model(), key(aId, a.get(aId.name())), key(bId, b.get(bId.name()))));
    }

    private dev.quarry.query.sql.SqlStatement unlink(Hop hop, StoredRow parent, Filter target) {
        Relation r = hop.relation();
        boolean parentIsA = hop.fromIsJoinColumnA();
        ScalarField ownId = parent.model().scalarField(parentIsA ? r.referencingScalars().get(0) : r.referencedScalars().get(0));
        ScalarField otherId = hop.to().scalarField(parentIsA ? r.referencedScalars().get(0) : r.referencingScalars().get(0));
        return sql.unlink(r, parent.model(), parentIsA ? "A" : "B", key(ownId, parent.get(ownId.name())), hop.to(), otherId, target);
    }

    /** Records of {@code hop.to()} linked to {@code parent}, as a filter on them. */
    private Filter linked(Hop hop, StoredRow parent) {
        RelationField back = planner.inverse(hop).orElseThrow(() -> new IllegalStateException("no back relation for " + hop.field().name()));
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

    private Optional<StoredRow> findOne(Tx tx, Model model, Filter where) {
        return first(model, tx.run(sql.select(model, where, Optional.empty(), false)));
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
    private String readBack(Tx tx, StoredRow row, ReadShape shape) {
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
        String criterion = resolver.uniqueCriteria(row.model()).entrySet().stream().filter(e -> e.getValue().equals(names)).findFirst()
                .orElseThrow().getKey();
        ObjectNode where = JsonNodeFactory.instance.objectNode();
        where.set(criterion, fields);
        return where;
    }

    // --- errors ----------------------------------------------------------------------------------

    private RuntimeException missing(Tx tx, Model model, Filter where, Optional<String> ifMatch, String operation) {
        if (ifMatch.isPresent() && findOne(tx, model, where).isPresent()) {
            return preconditionFailed(model);
        }
        String cause = "No record was found for " + operation + ".";
        return new WriteError(WriteError.Kind.NOT_FOUND, "P2025", "An operation failed because it depends on one or more records that were required but not found. " + cause,
                Map.of("modelName", model.name(), "cause", cause)).exception();
    }

    private static RuntimeException preconditionFailed(Model model) {
        return new WriteError(WriteError.Kind.PRECONDITION_FAILED, "Q412",
                "The " + model.name() + " record has changed (or is gone) since the version named in If-Match", Map.of("modelName", model.name())).exception();
    }

    private static RuntimeException nestedMissing(Hop hop, String operation) {
        String cause = "No '" + hop.to().name() + "' record was found for a nested " + operation + " on relation '" + hop.relation().name() + "'.";
        return new WriteError(WriteError.Kind.NOT_FOUND, "P2025", "An operation failed because it depends on one or more records that were required but not found. " + cause,
                Map.of("modelName", hop.from().name(), "cause", cause)).exception();
    }
}
