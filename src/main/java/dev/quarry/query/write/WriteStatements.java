package dev.quarry.query.write;

import dev.quarry.query.plan.Bound;
import dev.quarry.query.plan.Filter;
import dev.quarry.query.plan.Resolver;
import dev.quarry.query.plan.Value;
import dev.quarry.query.sql.Fragments;
import dev.quarry.query.sql.QueryBuilder;
import dev.quarry.query.sql.RowScope;
import dev.quarry.query.sql.Sql;
import dev.quarry.query.sql.SqlStatement;
import dev.quarry.schema.model.FieldAccess;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.ReadableFields;
import dev.quarry.schema.model.Relation;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The SQL of each write step. Row-returning statements return {@link #returnedFields} as text in the API's
 * encoding, then the row's entity tag: {@code md5} of the whole row's JSON, computed by PostgreSQL, so a read and a
 * conditional write compare the same thing in the same statement.
 *
 * <p>Soft delete ({@code @deletedAt}): a delete of such a model's rows sets the field to {@code now()} instead, and
 * no statement reaches its soft-deleted rows ({@link RowScope#LIVE}) but an update that sets the field back to null
 * for a request that may restore.
 */
public final class WriteStatements {

    private static final Sql TARGET = Sql.ident("target");
    private static final Sql LIMITED = Sql.ident("limited");
    private static final Sql PLACE = Sql.of(TARGET, ".ctid::text");
    /**
     * The rows a write returned ({@code RETURNING *}), for the read of the same statement; named as no table would
     * be.
     */
    public static final Sql WRITTEN = Sql.ident("__quarry_written");

    private final Schema schema;
    private final Resolver resolver;
    private final ReadableFields readable;
    /** Whether an update setting a soft-delete field to null reaches the soft-deleted rows (restores them). */
    private final boolean restores;

    /**
     * @param readable what the request's role reads: the columns a returned row carries and its entity tag digests
     */
    public WriteStatements(Schema schema, Resolver resolver, ReadableFields readable) {
        this(schema, resolver, readable, false);
    }

    /** @param restores whether the request may restore soft-deleted rows (see {@link #updateSet}) */
    public WriteStatements(Schema schema, Resolver resolver, ReadableFields readable, boolean restores) {
        this.schema = schema;
        this.resolver = resolver;
        this.readable = readable;
        this.restores = restores;
    }

    /**
     * The fields a returned row carries, in column order: the single-valued scalars the request's role may read (a
     * statement that names a column its role may not read fails; the answer's body is read back with the request's
     * own selection).
     */
    public List<ScalarField> returnedFields(Model model) {
        return resolver.visibleScalars(model).stream()
                .filter(f -> !f.isList())
                .filter(f -> readable.readable(model, f))
                .toList();
    }

    private Sql returning(Fragments f, Model model, Sql alias) {
        List<Sql> out = new ArrayList<>();
        for (ScalarField field : returnedFields(model)) {
            out.add(f.outputText(field, Fragments.column(alias, field)));
        }
        out.add(QueryBuilder.entityTag(model, alias, readable));
        return Sql.join(", ", out);
    }

    private static Sql table(Model model) {
        return Fragments.table(model);
    }

    private Sql etagCondition(Model model, Optional<String> etag, Sql alias) {
        return etag.map(e -> Sql.of(" AND ", QueryBuilder.entityTag(model, alias, readable), " = ", Sql.param(e)))
                .orElse(Sql.EMPTY);
    }

    private Sql value(Fragments f, Assign a) {
        if (a instanceof Assign.SetNull) {
            return Sql.of("NULL");
        }
        if (a instanceof Assign.Set s) {
            return s.value() instanceof Value.Many many ? f.array(many) : f.value((Value.One) s.value());
        }
        Sql column = Fragments.column(TARGET, a.field());
        if (a instanceof Assign.Compute c) {
            return Sql.of("(", column, " ", c.op().sql, " ", f.value(c.operand()), ")");
        }
        Assign.Push p = (Assign.Push) a;
        return Sql.of("array_cat(", column, ", ", f.array(p.values()), ")");
    }

    /**
     * {@code INSERT … RETURNING} the row; with {@code ifAbsent}, a row that would break a unique constraint is not
     * inserted and none is returned.
     */
    public SqlStatement insert(Model model, List<Assign> assigns, boolean ifAbsent) {
        Fragments f = new Fragments(schema);
        Sql sql = insertInto(f, model, assigns);
        if (ifAbsent) {
            sql = Sql.of(sql, " ON CONFLICT DO NOTHING");
        }
        return Sql.of(sql, " RETURNING ", returning(f, model, TARGET)).render();
    }

    private Sql insertInto(Fragments f, Model model, List<Assign> assigns) {
        if (assigns.isEmpty()) {
            return Sql.of("INSERT INTO ", table(model), " AS ", TARGET, " DEFAULT VALUES");
        }
        List<Sql> columns =
                assigns.stream().map(a -> Sql.ident(a.field().dbName())).toList();
        List<Sql> values = assigns.stream().map(a -> value(f, a)).toList();
        return Sql.of(
                "INSERT INTO ",
                table(model),
                " AS ",
                TARGET,
                " (",
                Sql.join(", ", columns),
                ") VALUES (",
                Sql.join(", ", values),
                ")");
    }

    /**
     * The record's insert and its read-back as one statement: {@code WITH written AS (INSERT … RETURNING *) SELECT}
     * the row as {@link #insert} returns it, then {@code body}, the record's JSON read over {@link #WRITTEN}.
     */
    public SqlStatement insertReading(Model model, List<Assign> assigns, Sql body) {
        return reading(model, insertInto(new Fragments(schema), model, assigns), body);
    }

    /**
     * {@link #update} of at most one row and its read-back as one statement, as {@link #insertReading}; no row when
     * none matched.
     */
    public SqlStatement updateReading(Model model, Filter where, List<Assign> assigns, Sql body) {
        return reading(
                model,
                updateSet(new Fragments(schema), model, where, assigns, Optional.empty(), OptionalLong.empty()),
                body);
    }

    /**
     * {@link #delete} of at most one row and its read-back as one statement, as {@link #insertReading}: the body
     * reads the tables as they were before the delete, as a read-back before the delete would.
     */
    public SqlStatement deleteReading(Model model, Filter where, Sql body) {
        return reading(model, deleteFrom(new Fragments(schema), model, where, OptionalLong.empty()), body);
    }

    /**
     * The statement's read sees the tables as they were before {@code write} (PostgreSQL runs a {@code WITH} and
     * its query on one snapshot), and the written row only through {@link #WRITTEN}.
     */
    private SqlStatement reading(Model model, Sql write, Sql body) {
        Fragments f = new Fragments(schema);
        return Sql.of(
                        "WITH ",
                        WRITTEN,
                        " AS (",
                        write,
                        " RETURNING *) SELECT ",
                        returning(f, model, TARGET),
                        ", ",
                        body,
                        " AS body FROM ",
                        WRITTEN,
                        " AS ",
                        TARGET)
                .render();
    }

    /**
     * A {@link FoldedCreate} as one statement: the connect targets' keys, the record's insert reading them, then an
     * insert per child reading the record's key; it returns the record as {@link #insert} does, or no row when a
     * connect target is missing (then nothing was written).
     */
    public SqlStatement insertFolded(FoldedCreate create, List<Assign> extra) {
        Fragments f = new Fragments(schema);
        Model model = create.record().model();
        List<Sql> ctes = new ArrayList<>();
        List<Sql> columns = new ArrayList<>();
        List<Sql> values = new ArrayList<>();
        List<Assign> assigns = new ArrayList<>(create.record().scalars());
        assigns.addAll(extra);
        for (Assign a : assigns) {
            columns.add(Sql.ident(a.field().dbName()));
            values.add(value(f, a));
        }
        List<Sql> sources = new ArrayList<>();
        for (int i = 0; i < create.connects().size(); i++) {
            FoldedCreate.Connect c = create.connects().get(i);
            Relation r = c.hop().relation();
            Sql name = Sql.ident("connect" + i);
            List<Sql> keys = new ArrayList<>();
            for (int k = 0; k < r.referencingScalars().size(); k++) {
                keys.add(Sql.of(
                        Fragments.column(
                                TARGET,
                                c.hop().to().scalarField(r.referencedScalars().get(k))),
                        " AS ",
                        Sql.ident("key" + k)));
                columns.add(Sql.ident(
                        model.scalarField(r.referencingScalars().get(k)).dbName()));
                values.add(Sql.of(name, ".", Sql.ident("key" + k)));
            }
            ctes.add(Sql.of(
                    name,
                    " AS (SELECT ",
                    Sql.join(", ", keys),
                    " FROM ",
                    table(c.hop().to()),
                    " AS ",
                    TARGET,
                    " WHERE ",
                    RowScope.LIVE.and(c.hop().to(), TARGET, f.condition(c.target(), TARGET)),
                    ")"));
            sources.add(name);
        }
        Sql parent = Sql.ident("parent");
        Sql select = columns.isEmpty()
                ? Sql.of(" DEFAULT VALUES")
                : Sql.of(
                        " (",
                        Sql.join(", ", columns),
                        ") SELECT ",
                        Sql.join(", ", values),
                        sources.isEmpty() ? Sql.EMPTY : Sql.of(" FROM ", Sql.join(", ", sources)));
        List<Sql> parentKeys = new ArrayList<>();
        create.children().stream()
                .flatMap(c -> c.hop().relation().referencedScalars().stream())
                .distinct()
                .forEach(key -> parentKeys.add(
                        Sql.of(Fragments.column(TARGET, model.scalarField(key)), " AS ", Sql.ident("own_" + key))));
        parentKeys.add(0, returning(f, model, TARGET));
        ctes.add(Sql.of(
                parent,
                " AS (INSERT INTO ",
                table(model),
                " AS ",
                TARGET,
                select,
                " RETURNING ",
                Sql.join(", ", parentKeys),
                ")"));
        for (int i = 0; i < create.children().size(); i++) {
            FoldedCreate.Child child = create.children().get(i);
            Relation r = child.hop().relation();
            Model to = child.hop().to();
            List<Sql> childColumns = new ArrayList<>();
            List<Sql> childValues = new ArrayList<>();
            for (Assign a : child.record().scalars()) {
                childColumns.add(Sql.ident(a.field().dbName()));
                childValues.add(value(f, a));
            }
            for (int k = 0; k < r.referencingScalars().size(); k++) {
                childColumns.add(
                        Sql.ident(to.scalarField(r.referencingScalars().get(k)).dbName()));
                childValues.add(Sql.of(
                        parent, ".", Sql.ident("own_" + r.referencedScalars().get(k))));
            }
            // PostgreSQL runs sibling CTEs in no set order; waiting for the previous child keeps the ids in the
            // order of the data
            Sql previous = i == 0
                    ? Sql.EMPTY
                    : Sql.of(" WHERE (SELECT count(*) FROM ", Sql.ident("child" + (i - 1)), ") >= 0");
            ctes.add(Sql.of(
                    Sql.ident("child" + i),
                    " AS (INSERT INTO ",
                    table(to),
                    " AS ",
                    TARGET,
                    " (",
                    Sql.join(", ", childColumns),
                    ") SELECT ",
                    Sql.join(", ", childValues),
                    " FROM ",
                    parent,
                    previous,
                    child.skipDuplicate() ? " ON CONFLICT DO NOTHING" : "",
                    " RETURNING 1)"));
        }
        return Sql.of("WITH ", Sql.join(", ", ctes), " SELECT * FROM ", parent).render();
    }

    /** One {@code INSERT} of many rows; a column some rows leave out takes its {@code DEFAULT} there. */
    public SqlStatement insertMany(Model model, List<List<Assign>> rows, boolean skipDuplicates, boolean returnRows) {
        Fragments f = new Fragments(schema);
        return Sql.of(
                        insertManyInto(f, model, rows, skipDuplicates),
                        " RETURNING ",
                        returnRows ? returning(f, model, TARGET) : Sql.of("1"))
                .render();
    }

    /**
     * createManyAndReturn as one statement: {@link #insertMany} and the read-back of every row it wrote, as {@link
     * #manyReading} selects it.
     */
    public SqlStatement insertManyReading(Model model, List<List<Assign>> rows, boolean skipDuplicates, Sql answer) {
        Sql insert = insertManyInto(new Fragments(schema), model, rows, skipDuplicates);
        return manyReading(Sql.of(insert, " RETURNING *"), answer);
    }

    /**
     * updateManyAndReturn as one statement: {@link #update} of the rows {@code where} names (only selected when
     * nothing is assigned, as an updateMany without data reads them, then whatever the model's field rules) and
     * their read-back, as {@link #manyReading} selects it.
     */
    public SqlStatement updateManyReading(
            Model model, Filter where, List<Assign> assigns, OptionalLong limit, Sql answer) {
        Fragments f = new Fragments(schema);
        Sql rows = assigns.isEmpty()
                ? Sql.of(
                        "SELECT ",
                        readableColumns(model),
                        " FROM ",
                        table(model),
                        " AS ",
                        TARGET,
                        " WHERE ",
                        RowScope.LIVE.and(model, TARGET, f.condition(where, TARGET)))
                : Sql.of(updateSet(f, model, where, assigns, Optional.empty(), limit), " RETURNING *");
        return manyReading(rows, answer);
    }

    /**
     * {@link #insertMany} returning each written row's place ({@code ctid}), for {@link #placesReading}: a
     * createManyAndReturn whose read-back must see the written rows in their tables.
     */
    public SqlStatement insertManyPlaces(Model model, List<List<Assign>> rows, boolean skipDuplicates) {
        return Sql.of(insertManyInto(new Fragments(schema), model, rows, skipDuplicates), " RETURNING ", PLACE)
                .render();
    }

    /** {@link #update} returning each updated row's place ({@code ctid}), for {@link #placesReading}. */
    public SqlStatement updateManyPlaces(Model model, Filter where, List<Assign> assigns, OptionalLong limit) {
        Fragments f = new Fragments(schema);
        return Sql.of(updateSet(f, model, where, assigns, Optional.empty(), limit), " RETURNING ", PLACE)
                .render();
    }

    /**
     * The rows at {@code places}, written earlier in this transaction, read back as {@link #manyReading} reads the
     * rows of its write, in the order of {@code places}. A row this transaction wrote stays at its place until the
     * transaction ends: no other transaction may change it meanwhile, and vacuum keeps it.
     */
    public SqlStatement placesReading(Model model, List<String> places, Sql answer) {
        Sql place = Sql.ident("place");
        Sql rows = Sql.of(
                "SELECT ",
                readableColumns(model),
                " FROM ",
                table(model),
                " AS ",
                TARGET,
                " JOIN unnest(",
                Sql.bind(new Bound.Texts(places)),
                "::tid[]) WITH ORDINALITY AS ",
                place,
                "(at, n) ON ",
                TARGET,
                ".ctid = ",
                place,
                ".at ORDER BY ",
                place,
                ".n");
        return manyReading(rows, answer);
    }

    /**
     * {@code WITH written AS (rows) SELECT} {@code answer}'s columns (the records' JSON array read over {@link
     * #WRITTEN}, in the order the write returned its rows) and {@code records}, how many rows were written. As in
     * {@link #reading}, the answer sees the tables as they were before the write, and the written rows only through
     * {@link #WRITTEN}.
     */
    private static SqlStatement manyReading(Sql rows, Sql answer) {
        return Sql.of(
                        "WITH ",
                        WRITTEN,
                        " AS (",
                        rows,
                        ") SELECT ",
                        Sql.ident("answer"),
                        ".*, (SELECT count(*) FROM ",
                        WRITTEN,
                        ") AS records FROM (",
                        answer,
                        ") ",
                        Sql.ident("answer"))
                .render();
    }

    /** The columns of the model's rows the request's role may read: all, unless field rules hide some. */
    private Sql readableColumns(Model model) {
        if (!FieldAccess.hasFieldReadRules(model)) {
            return Sql.of(TARGET, ".*");
        }
        return Sql.join(
                ", ",
                readable.of(model).stream()
                        .map(field -> Fragments.column(TARGET, field))
                        .toList());
    }

    private Sql insertManyInto(Fragments f, Model model, List<List<Assign>> rows, boolean skipDuplicates) {
        Map<String, ScalarField> columns = new LinkedHashMap<>();
        rows.forEach(r -> r.forEach(a -> columns.putIfAbsent(a.field().name(), a.field())));
        Sql sql;
        if (columns.isEmpty()) {
            List<Sql> selects = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                selects.add(Sql.of("(DEFAULT)"));
            }
            ScalarField any = returnedFields(model).get(0);
            sql = Sql.of(
                    "INSERT INTO ",
                    table(model),
                    " AS ",
                    TARGET,
                    " (",
                    Sql.ident(any.dbName()),
                    ") VALUES ",
                    Sql.join(", ", selects));
        } else {
            List<Sql> tuples = new ArrayList<>();
            for (List<Assign> row : rows) {
                List<Sql> values = new ArrayList<>();
                for (ScalarField column : columns.values()) {
                    Optional<Assign> a = row.stream()
                            .filter(x -> x.field().name().equals(column.name()))
                            .findFirst();
                    values.add(a.map(x -> value(f, x)).orElse(Sql.of("DEFAULT")));
                }
                tuples.add(Sql.of("(", Sql.join(", ", values), ")"));
            }
            List<Sql> names =
                    columns.values().stream().map(c -> Sql.ident(c.dbName())).toList();
            sql = Sql.of(
                    "INSERT INTO ",
                    table(model),
                    " AS ",
                    TARGET,
                    " (",
                    Sql.join(", ", names),
                    ") VALUES ",
                    Sql.join(", ", tuples));
        }
        return skipDuplicates ? Sql.of(sql, " ON CONFLICT DO NOTHING") : sql;
    }

    /** {@code UPDATE … WHERE filter [AND tag = etag] RETURNING} the rows (or {@code 1} each when only counted). */
    public SqlStatement update(
            Model model,
            Filter where,
            List<Assign> assigns,
            Optional<String> etag,
            OptionalLong limit,
            boolean returnRows) {
        Fragments f = new Fragments(schema);
        Sql sql = updateSet(f, model, where, assigns, etag, limit);
        return Sql.of(sql, " RETURNING ", returnRows ? returning(f, model, TARGET) : Sql.of("1"))
                .render();
    }

    /**
     * A restore ({@link #restores}) reaches the soft-deleted rows {@code where} names; every other update only the
     * live ones.
     */
    private Sql updateSet(
            Fragments f, Model model, Filter where, List<Assign> assigns, Optional<String> etag, OptionalLong limit) {
        List<Sql> sets = assigns.stream()
                .map(a -> Sql.of(Sql.ident(a.field().dbName()), " = ", value(f, a)))
                .toList();
        boolean restore = restores
                && model.softDeleteField().isPresent()
                && assigns.stream()
                        .anyMatch(a -> a instanceof Assign.SetNull
                                && a.field().equals(model.softDeleteField().get()));
        return Sql.of(
                "UPDATE ",
                table(model),
                " AS ",
                TARGET,
                " SET ",
                Sql.join(", ", sets),
                " WHERE ",
                condition(f, model, where, limit, restore ? RowScope.WITH_DELETED : RowScope.LIVE),
                etagCondition(model, etag, TARGET));
    }

    /** The rows matching {@code where}, locked for the rest of the transaction when {@code lock}. */
    public SqlStatement select(Model model, Filter where, Optional<String> etag, boolean lock) {
        Fragments f = new Fragments(schema);
        Sql sql = Sql.of(
                "SELECT ",
                returning(f, model, TARGET),
                " FROM ",
                table(model),
                " AS ",
                TARGET,
                " WHERE ",
                RowScope.LIVE.and(model, TARGET, f.condition(where, TARGET)),
                etagCondition(model, etag, TARGET));
        return (lock ? Sql.of(sql, " FOR UPDATE OF ", TARGET) : sql).render();
    }

    public SqlStatement delete(Model model, Filter where, OptionalLong limit, boolean returnRows) {
        Fragments f = new Fragments(schema);
        return Sql.of(
                        deleteFrom(f, model, where, limit),
                        " RETURNING ",
                        returnRows ? returning(f, model, TARGET) : Sql.of("1"))
                .render();
    }

    /** A soft-delete model's rows are kept, their {@code @deletedAt} set to the transaction's time. */
    private Sql deleteFrom(Fragments f, Model model, Filter where, OptionalLong limit) {
        Optional<ScalarField> deletedAt = model.softDeleteField();
        if (deletedAt.isPresent()) {
            return Sql.of(
                    "UPDATE ",
                    table(model),
                    " AS ",
                    TARGET,
                    " SET ",
                    Sql.ident(deletedAt.get().dbName()),
                    " = now() WHERE ",
                    condition(f, model, where, limit, RowScope.LIVE));
        }
        return Sql.of(
                "DELETE FROM ",
                table(model),
                " AS ",
                TARGET,
                " WHERE ",
                condition(f, model, where, limit, RowScope.LIVE));
    }

    /**
     * {@code where} on the target row, in {@code scope}; with a limit, only the first {@code limit} matching rows
     * (by physical position).
     */
    private Sql condition(Fragments f, Model model, Filter where, OptionalLong limit, RowScope scope) {
        if (limit.isEmpty()) {
            return scope.and(model, TARGET, f.condition(where, TARGET));
        }
        return Sql.of(
                TARGET,
                ".ctid = ANY(ARRAY(SELECT ",
                LIMITED,
                ".ctid FROM ",
                table(model),
                " AS ",
                LIMITED,
                " WHERE ",
                scope.and(model, LIMITED, f.condition(where, LIMITED)),
                " LIMIT ",
                Sql.param(Long.toString(limit.getAsLong())),
                "::bigint))");
    }

    // --- implicit many-to-many join tables -------------------------------------------------------

    private static Sql joinTable(Relation r, Model anySide) {
        return Sql.qualified(anySide.dbSchema(), r.joinTableName());
    }

    /** Links row {@code a} (column A's model) and row {@code b}; linking twice is a no-op. */
    public SqlStatement link(Relation r, Model aModel, Value.One a, Value.One b) {
        Fragments f = new Fragments(schema);
        return Sql.of(
                        "INSERT INTO ",
                        joinTable(r, aModel),
                        " (\"A\", \"B\") VALUES (",
                        f.value(a),
                        ", ",
                        f.value(b),
                        ") ON CONFLICT DO NOTHING")
                .render();
    }

    /**
     * Unlinks the row whose id is {@code own} (in column {@code ownColumn}, "A" or "B") from the rows of {@code
     * other} matching {@code filter}.
     */
    public SqlStatement unlink(
            Relation r,
            Model ownModel,
            String ownColumn,
            Value.One own,
            Model other,
            ScalarField otherId,
            Filter filter) {
        Fragments f = new Fragments(schema);
        String otherColumn = ownColumn.equals("A") ? "B" : "A";
        return Sql.of(
                        "DELETE FROM ",
                        joinTable(r, ownModel),
                        " WHERE ",
                        Sql.ident(ownColumn),
                        " = ",
                        f.value(own),
                        " AND ",
                        Sql.ident(otherColumn),
                        " IN (SELECT ",
                        Fragments.column(TARGET, otherId),
                        " FROM ",
                        table(other),
                        " AS ",
                        TARGET,
                        " WHERE ",
                        RowScope.LIVE.and(other, TARGET, f.condition(filter, TARGET)),
                        ")")
                .render();
    }
}
