package dev.quarry.migrate.diff;

import dev.quarry.database.ColumnDefault;
import dev.quarry.database.ColumnType;
import dev.quarry.database.DatabaseShape;
import dev.quarry.database.DbCheck;
import dev.quarry.database.DbColumn;
import dev.quarry.database.DbEnum;
import dev.quarry.database.DbExtension;
import dev.quarry.database.DbForeignKey;
import dev.quarry.database.DbGrant;
import dev.quarry.database.DbIndex;
import dev.quarry.database.DbPolicy;
import dev.quarry.database.DbPrimaryKey;
import dev.quarry.database.DbTable;
import dev.quarry.database.DbTableSecurity;
import dev.quarry.database.DbView;
import dev.quarry.migrate.step.MigrationStep;
import dev.quarry.migrate.step.MigrationStep.EnumUsage;
import dev.quarry.migrate.step.Pair;
import dev.quarry.migrate.step.TableChange;
import dev.quarry.migrate.step.TableChange.CastKind;
import dev.quarry.migrate.step.TableChange.ColumnChange;
import dev.quarry.schema.model.Identifiers;
import dev.quarry.schema.model.RawSql;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one differ: from a previous shape to a next one, ordered steps. Tables are paired by schema and name (or by a
 * confirmed rename), columns likewise within a pair, indexes and foreign keys by name and then by definition (a
 * same definition under another name is a rename of the index). Views and standalone sequences are not Prisma's to
 * change and are left alone, but for a view over a table the migration drops or retypes columns of, dropped around
 * the change and created again after. Row-level security, policies and privileges are compared per table pair,
 * after the tables.
 */
public final class ShapeDiffer {

    private final DatabaseShape previous;
    private final DatabaseShape next;
    private final Renames renames;
    private final Set<ColumnRef> recreated;
    private final List<MigrationStep> steps = new ArrayList<>();
    private final List<RenameCandidate> candidates = new ArrayList<>();

    private ShapeDiffer(DatabaseShape previous, DatabaseShape next, Renames renames, Set<ColumnRef> recreated) {
        this.previous = previous;
        this.next = next;
        this.renames = renames;
        this.recreated = Set.copyOf(recreated);
    }

    /**
     * @param recreated columns whose type change drops and adds the column again instead of casting its values (the
     *                  user accepted losing the values the cast cannot take)
     */
    public static DiffResult diff(
            DatabaseShape previous, DatabaseShape next, Renames renames, Set<ColumnRef> recreated) {
        ShapeDiffer differ = new ShapeDiffer(previous, next, renames, recreated);
        differ.run();
        List<MigrationStep> ordered = new ArrayList<>(differ.steps);
        ordered.sort(Comparator.comparingInt(MigrationStep::phase));
        return new DiffResult(ordered, differ.candidates);
    }

    public static DiffResult diff(DatabaseShape previous, DatabaseShape next, Renames renames) {
        return diff(previous, next, renames, Set.of());
    }

    public static DiffResult diff(DatabaseShape previous, DatabaseShape next) {
        return diff(previous, next, Renames.none());
    }

    private void run() {
        for (String namespace : next.namespaces()) {
            if (!previous.namespaces().contains(namespace)) {
                steps.add(new MigrationStep.CreateSchema(namespace));
            }
        }
        for (DbExtension extension : next.extensions()) {
            if (previous.findExtension(extension.name()).isEmpty()) {
                steps.add(new MigrationStep.CreateExtension(extension));
            }
        }
        diffEnums();
        List<Pair<DbTable>> pairs = new ArrayList<>();
        List<DbTable> dropped = new ArrayList<>();
        for (DbTable table : previous.tables()) {
            String nextName = renames.nextTableName(table.name()).orElse(table.name());
            Optional<DbTable> match = next.findTable(table.schema(), nextName);
            if (match.isPresent()) {
                pairs.add(new Pair<>(table, match.get()));
            } else {
                dropped.add(table);
            }
        }
        List<DbTable> created = next.tables().stream()
                .filter(t -> pairs.stream().noneMatch(p -> p.next() == t))
                .toList();
        findTableRenameCandidates(dropped, created);
        for (DbTable table : created) {
            steps.add(new MigrationStep.CreateTable(table));
            for (DbIndex index : table.indexes()) {
                steps.add(new MigrationStep.CreateIndex(table, index));
            }
            for (DbForeignKey key : table.foreignKeys()) {
                steps.add(new MigrationStep.AddForeignKey(table, key));
            }
            for (DbCheck check : table.checks()) {
                steps.add(new MigrationStep.AddCheck(table, check));
            }
        }
        for (DbTable table : dropped) {
            for (DbForeignKey key : table.foreignKeys()) {
                steps.add(new MigrationStep.DropForeignKey(table, key));
            }
            steps.add(new MigrationStep.DropTable(table));
        }
        for (Pair<DbTable> pair : pairs) {
            diffTable(pair);
        }
        List<DbTable> altered =
                pairs.stream().filter(this::columnsChange).map(Pair::next).toList();
        for (DbTable table : created) {
            diffSecurity(
                    Optional.empty(),
                    table,
                    Optional.empty(),
                    next.findSecurity(table.schema(), table.name()),
                    altered);
        }
        for (Pair<DbTable> pair : pairs) {
            DbTable previousTable = pair.previous();
            DbTable nextTable = pair.next();
            diffSecurity(
                    Optional.of(previousTable),
                    nextTable,
                    previous.findSecurity(previousTable.schema(), previousTable.name()),
                    next.findSecurity(nextTable.schema(), nextTable.name()),
                    altered);
        }
        viewsAround();
    }

    /**
     * The views over a table this migration drops, or whose columns it drops or retypes (PostgreSQL refuses both
     * under a view), or over a table or column it creates (an undo script's target), and the views over those:
     * dropped first, readers before what they read; created again last from their definition, in the opposite
     * order, unless a table or column they read is dropped for good (the data check says so).
     */
    private void viewsAround() {
        Map<String, DbView> views = new LinkedHashMap<>();
        previous.views().forEach(v -> views.put(v.qualifiedName(), v));
        next.views().forEach(v -> views.putIfAbsent(v.qualifiedName(), v));
        if (views.isEmpty()) {
            return;
        }
        Set<String> dropped = new HashSet<>();
        Set<String> gone = new HashSet<>();
        // tables and columns this migration makes: a view over them (the undo script's target) cannot be there yet
        Set<String> appearing = new HashSet<>();
        Set<String> changed = new HashSet<>();
        for (MigrationStep step : steps) {
            if (step instanceof MigrationStep.DropTable drop) {
                dropped.add(drop.table().qualifiedName());
            } else if (step instanceof MigrationStep.CreateTable create) {
                appearing.add(create.table().qualifiedName());
            } else if (step instanceof MigrationStep.AlterTable alter) {
                String table = alter.tables().previous().qualifiedName();
                if (alter.changes().stream().anyMatch(ShapeDiffer::changesAColumn)) {
                    changed.add(table);
                }
                for (TableChange change : alter.changes()) {
                    // a view's definition names the column: gone or renamed, it cannot be created again as it was
                    if (change instanceof TableChange.DropColumn drop) {
                        gone.add(table + "." + drop.column().name());
                    } else if (change instanceof TableChange.RenameColumn rename) {
                        gone.add(table + "." + rename.previousName());
                    } else if (change instanceof TableChange.AddColumn add) {
                        appearing.add(alter.tables().next().qualifiedName() + "."
                                + add.column().name());
                    }
                }
            } else if (step instanceof MigrationStep.AlterEnum alter && alter.recreate()) {
                alter.usages().forEach(u -> changed.add(alter.enums().previous().schema() + "." + u.table()));
            }
        }
        changed.addAll(dropped);
        List<DbView> affected = new ArrayList<>();
        for (boolean grew = true; grew; ) {
            grew = false;
            for (DbView view : views.values()) {
                boolean reads = view.reads().stream().anyMatch(r -> changed.contains(r) || appearing.contains(r))
                        || view.columns().stream().anyMatch(appearing::contains);
                if (!affected.contains(view) && reads) {
                    affected.add(view);
                    changed.add(view.qualifiedName());
                    grew = true;
                }
            }
        }
        List<DbView> dropOrder = new ArrayList<>();
        while (dropOrder.size() < affected.size()) {
            for (DbView view : affected) {
                boolean readByAnother = affected.stream()
                        .anyMatch(other -> !dropOrder.contains(other)
                                && other != view
                                && other.reads().contains(view.qualifiedName()));
                if (!dropOrder.contains(view) && !readByAnother) {
                    dropOrder.add(view);
                    steps.add(new MigrationStep.DropView(view));
                }
            }
        }
        List<DbView> createOrder = new ArrayList<>(dropOrder);
        Collections.reverse(createOrder);
        for (DbView view : createOrder) {
            if (view.reads().stream().noneMatch(dropped::contains)
                    && view.columns().stream().noneMatch(gone::contains)) {
                steps.add(new MigrationStep.CreateView(view));
            } else {
                dropped.add(view.qualifiedName());
            }
        }
    }

    private static boolean changesAColumn(TableChange change) {
        return change instanceof TableChange.DropColumn
                || change instanceof TableChange.DropAndRecreateColumn
                || (change instanceof TableChange.AlterColumn alter
                        && alter.changes().contains(ColumnChange.TYPE));
    }

    /**
     * Whether a column of the table changes or goes in this migration (an altered table or a recreated enum type):
     * PostgreSQL refuses that for a column a policy reads.
     */
    private boolean columnsChange(Pair<DbTable> tables) {
        return steps.stream()
                .anyMatch(step -> (step instanceof MigrationStep.AlterTable alter
                                && alter.tables().next() == tables.next())
                        || (step instanceof MigrationStep.AlterEnum alterEnum
                                && alterEnum.usages().stream()
                                        .anyMatch(u -> u.table()
                                                .equals(tables.previous().name()))));
    }

    /**
     * A policy on an altered table, or reading one ({@code EXISTS (SELECT 1 FROM "T" AS …)}), is dropped and
     * created again around the change.
     */
    private static boolean readsAltered(DbTable table, DbPolicy policy, List<DbTable> altered) {
        String text = policy.using().map(RawSql::text).orElse("") + " "
                + policy.withCheck().map(RawSql::text).orElse("");
        return altered.stream()
                .anyMatch(t -> (t.schema().equals(table.schema()) && t.name().equals(table.name()))
                        || text.contains("FROM " + Identifiers.quote(t.name()) + " AS ")
                        || text.contains(
                                "FROM " + Identifiers.quote(t.schema()) + "." + Identifiers.quote(t.name()) + " AS "));
    }

    /**
     * Row-level security (and whether it is forced), policies (by name; a changed one is dropped and created again)
     * and privileges. The privileges are compared only where row-level security is on, on either side: elsewhere
     * they are not Quarry's.
     */
    private void diffSecurity(
            Optional<DbTable> previousTable,
            DbTable nextTable,
            Optional<DbTableSecurity> previousSecurity,
            Optional<DbTableSecurity> nextSecurity,
            List<DbTable> altered) {
        boolean previousRls = previousSecurity.map(DbTableSecurity::rowSecurity).orElse(false);
        boolean nextRls = nextSecurity.map(DbTableSecurity::rowSecurity).orElse(false);
        DbTable before = previousTable.orElse(nextTable);
        List<DbPolicy> previousPolicies =
                previousSecurity.map(DbTableSecurity::policies).orElse(List.of());
        List<DbPolicy> nextPolicies =
                nextSecurity.map(DbTableSecurity::policies).orElse(List.of());
        for (DbPolicy policy : previousPolicies) {
            Optional<DbPolicy> kept = nextPolicies.stream()
                    .filter(p -> p.name().equals(policy.name()))
                    .findFirst();
            if (kept.isEmpty() || !policy.sameAs(kept.get()) || readsAltered(nextTable, kept.get(), altered)) {
                steps.add(new MigrationStep.DropPolicy(before, policy));
            }
        }
        if (previousRls && !nextRls) {
            steps.add(new MigrationStep.DisableRowLevelSecurity(before));
        }
        if (!previousRls && nextRls) {
            steps.add(new MigrationStep.EnableRowLevelSecurity(nextTable));
        }
        boolean previousForce = previousSecurity.map(DbTableSecurity::force).orElse(false);
        boolean nextForce = nextRls && nextSecurity.map(DbTableSecurity::force).orElse(false);
        if (previousForce != nextForce) {
            steps.add(new MigrationStep.ForceRowLevelSecurity(nextRls ? nextTable : before, nextForce));
        }
        for (DbPolicy policy : nextPolicies) {
            Optional<DbPolicy> kept = previousPolicies.stream()
                    .filter(p -> p.name().equals(policy.name()))
                    .findFirst();
            if (kept.isEmpty() || !kept.get().sameAs(policy) || readsAltered(nextTable, policy, altered)) {
                steps.add(new MigrationStep.CreatePolicy(nextTable, policy));
            }
        }
        if (previousRls || nextRls) {
            List<DbGrant> previousGrants =
                    previousSecurity.map(DbTableSecurity::grants).orElse(List.of());
            List<DbGrant> nextGrants = nextSecurity.map(DbTableSecurity::grants).orElse(List.of());
            List<DbGrant> revoked =
                    previousGrants.stream().filter(g -> !nextGrants.contains(g)).toList();
            List<DbGrant> granted =
                    nextGrants.stream().filter(g -> !previousGrants.contains(g)).toList();
            if (!revoked.isEmpty()) {
                steps.add(new MigrationStep.RevokePrivileges(before, revoked));
            }
            if (!granted.isEmpty()) {
                steps.add(new MigrationStep.GrantPrivileges(nextTable, granted));
            }
        }
    }

    private void diffEnums() {
        for (DbEnum nextEnum : next.enums()) {
            Optional<DbEnum> previousEnum = previous.findEnum(nextEnum.schema(), nextEnum.name());
            if (previousEnum.isEmpty()) {
                steps.add(new MigrationStep.CreateEnum(nextEnum));
                continue;
            }
            List<String> added = nextEnum.values().stream()
                    .filter(v -> !previousEnum.get().values().contains(v))
                    .toList();
            List<String> removed = previousEnum.get().values().stream()
                    .filter(v -> !nextEnum.values().contains(v))
                    .toList();
            if (!added.isEmpty() || !removed.isEmpty()) {
                boolean recreate = !removed.isEmpty() || addedValuesUsed(nextEnum, added);
                steps.add(new MigrationStep.AlterEnum(
                        new Pair<>(previousEnum.get(), nextEnum),
                        added,
                        removed,
                        recreate,
                        recreate ? usages(nextEnum) : List.of()));
            }
        }
        for (DbEnum previousEnum : previous.enums()) {
            if (next.findEnum(previousEnum.schema(), previousEnum.name()).isEmpty()) {
                steps.add(new MigrationStep.DropEnum(previousEnum));
            }
        }
    }

    /**
     * Whether this migration may use a value added: a default that is one, or a column cast to the enum (its rows
     * may hold one). PostgreSQL refuses a value added by {@code ALTER TYPE … ADD VALUE} in the transaction that
     * added it ("unsafe use of new value"), so the type is created again instead.
     */
    private boolean addedValuesUsed(DbEnum enumType, List<String> added) {
        for (DbTable table : next.tables()) {
            for (DbColumn column : table.columns()) {
                ColumnType type = column.type();
                if (!type.isEnum()
                        || !type.schema().equals(enumType.schema())
                        || !type.name().equals(enumType.name())) {
                    continue;
                }
                String defaultSql = column.defaultValue()
                        .map(d -> d.sql(type, enumType.schema()))
                        .orElse("");
                boolean castToEnum = previous.findTable(table.schema(), table.name())
                        .flatMap(t -> t.findColumn(column.name()))
                        .map(c -> !c.type().sameAs(type))
                        .orElse(false);
                if (castToEnum || added.stream().anyMatch(v -> defaultSql.contains(Identifiers.literal(v)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Columns of the previous database that use the enum and that still exist, with their next defaults. */
    private List<EnumUsage> usages(DbEnum enumType) {
        List<EnumUsage> usages = new ArrayList<>();
        for (DbTable table : previous.tables()) {
            for (DbColumn column : table.columns()) {
                ColumnType type = column.type();
                if (type.isEnum()
                        && type.schema().equals(enumType.schema())
                        && type.name().equals(enumType.name())) {
                    String nextTable = renames.nextTableName(table.name()).orElse(table.name());
                    Optional<String> nextDefault = next.findTable(table.schema(), nextTable)
                            .flatMap(t -> t.findColumn(renames.nextColumnName(nextTable, column.name())
                                    .orElse(column.name())))
                            .filter(c -> c.type().sameAs(type))
                            .flatMap(DbColumn::defaultValue)
                            .map(d -> d.sql(type, "public"));
                    usages.add(new EnumUsage(table.name(), column.name(), type.list(), nextDefault));
                }
            }
        }
        return usages;
    }

    private void findTableRenameCandidates(List<DbTable> dropped, List<DbTable> created) {
        for (DbTable gone : dropped) {
            for (DbTable appeared : created) {
                if (gone.schema().equals(appeared.schema()) && sameColumns(gone, appeared)) {
                    candidates.add(
                            new RenameCandidate(gone.name(), appeared.name(), Optional.empty(), Optional.empty()));
                    break;
                }
            }
        }
    }

    private static boolean sameColumns(DbTable a, DbTable b) {
        if (a.columns().size() != b.columns().size()) {
            return false;
        }
        for (int i = 0; i < a.columns().size(); i++) {
            if (!a.columns().get(i).name().equals(b.columns().get(i).name())
                    || !a.columns().get(i).type().sameAs(b.columns().get(i).type())) {
                return false;
            }
        }
        return true;
    }

    private void diffTable(Pair<DbTable> tables) {
        DbTable previousTable = tables.previous();
        DbTable nextTable = tables.next();
        if (!previousTable.name().equals(nextTable.name())) {
            steps.add(new MigrationStep.RenameTable(tables));
        }
        List<TableChange> renamesInTable = new ArrayList<>();
        List<TableChange> changes = new ArrayList<>();
        List<Pair<DbColumn>> columnPairs = new ArrayList<>();
        List<DbColumn> droppedColumns = new ArrayList<>();
        for (DbColumn column : previousTable.columns()) {
            String nextName =
                    renames.nextColumnName(nextTable.name(), column.name()).orElse(column.name());
            Optional<DbColumn> match = nextTable.findColumn(nextName);
            if (match.isPresent()) {
                columnPairs.add(new Pair<>(column, match.get()));
                if (!nextName.equals(column.name())) {
                    renamesInTable.add(new TableChange.RenameColumn(column.name(), nextName));
                }
            } else {
                droppedColumns.add(column);
            }
        }
        List<DbColumn> addedColumns = nextTable.columns().stream()
                .filter(c -> columnPairs.stream().noneMatch(p -> p.next() == c))
                .toList();
        for (DbColumn gone : droppedColumns) {
            addedColumns.stream()
                    .filter(c -> c.type().sameAs(gone.type()))
                    .filter(c -> candidates.stream()
                            .noneMatch(
                                    r -> r.nextColumn().filter(c.name()::equals).isPresent()
                                            && r.nextTable().equals(nextTable.name())))
                    .findFirst()
                    .ifPresent(c -> candidates.add(new RenameCandidate(
                            previousTable.name(), nextTable.name(), Optional.of(gone.name()), Optional.of(c.name()))));
        }

        Optional<DbPrimaryKey> previousKey = previousTable.primaryKey().map(pk -> renamedKey(pk, nextTable.name()));
        Optional<DbPrimaryKey> nextKey = nextTable.primaryKey();
        boolean keyColumnsChanged = !previousKey.map(DbPrimaryKey::columns).equals(nextKey.map(DbPrimaryKey::columns))
                || columnPairs.stream().anyMatch(p -> isKeyColumn(nextKey, p.next()) && typeChanged(p));
        if (previousKey.isPresent() && keyColumnsChanged) {
            changes.add(
                    new TableChange.DropPrimaryKey(previousTable.primaryKey().get()));
        } else if (previousKey.isPresent()
                && nextKey.isPresent()
                && !previousKey.get().name().equals(nextKey.get().name())) {
            changes.add(new TableChange.RenamePrimaryKey(
                    previousKey.get().name(), nextKey.get().name()));
        }
        for (DbColumn column : droppedColumns) {
            changes.add(new TableChange.DropColumn(column));
        }
        for (DbColumn column : addedColumns) {
            changes.add(new TableChange.AddColumn(column));
        }
        for (Pair<DbColumn> pair : columnPairs) {
            EnumSet<ColumnChange> columnChanges = columnChanges(pair);
            if (columnChanges.isEmpty()) {
                continue;
            }
            CastKind cast = columnChanges.contains(ColumnChange.TYPE) ? cast(nextTable, pair) : CastKind.NONE;
            if (cast == CastKind.NOT_CASTABLE) {
                changes.add(new TableChange.DropAndRecreateColumn(pair));
            } else {
                changes.add(new TableChange.AlterColumn(pair, columnChanges, cast));
            }
        }
        if (nextKey.isPresent() && (previousKey.isEmpty() || keyColumnsChanged)) {
            changes.add(new TableChange.AddPrimaryKey(nextKey.get()));
        }
        if (!renamesInTable.isEmpty() || !changes.isEmpty()) {
            List<TableChange> all = new ArrayList<>(renamesInTable);
            all.addAll(changes);
            steps.add(new MigrationStep.AlterTable(tables, all));
        }
        diffIndexes(tables);
        diffChecks(tables);
        diffForeignKeys(tables);
    }

    private static boolean isKeyColumn(Optional<DbPrimaryKey> key, DbColumn column) {
        return key.map(k -> k.columns().contains(column.name())).orElse(false);
    }

    private static boolean typeChanged(Pair<DbColumn> pair) {
        return !pair.previous().type().sameAs(pair.next().type());
    }

    private DbPrimaryKey renamedKey(DbPrimaryKey key, String nextTable) {
        return new DbPrimaryKey(key.name(), renamedColumns(key.columns(), nextTable));
    }

    private List<String> renamedColumns(List<String> columns, String nextTable) {
        return columns.stream()
                .map(c -> renames.nextColumnName(nextTable, c).orElse(c))
                .toList();
    }

    private static EnumSet<ColumnChange> columnChanges(Pair<DbColumn> pair) {
        DbColumn a = pair.previous();
        DbColumn b = pair.next();
        EnumSet<ColumnChange> changes = EnumSet.noneOf(ColumnChange.class);
        if (!a.type().sameAs(b.type())) {
            changes.add(ColumnChange.TYPE);
        }
        if (a.nullable() != b.nullable()) {
            changes.add(ColumnChange.ARITY);
        }
        if (a.autoincrement() != b.autoincrement()) {
            changes.add(ColumnChange.AUTOINCREMENT);
        } else if (!a.autoincrement() && !sameDefault(a.defaultValue(), b.defaultValue())) {
            changes.add(ColumnChange.DEFAULT);
        }
        return changes;
    }

    private static boolean sameDefault(Optional<ColumnDefault> a, Optional<ColumnDefault> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() && b.isEmpty();
        }
        return a.get().sameAs(b.get());
    }

    /**
     * CHECK constraints by name: a changed one (another fingerprint) is dropped and added again. A constraint
     * Quarry did not make (no fingerprint in its comment) is not Quarry's to drop; one of the same name counts as
     * the rule.
     */
    private void diffChecks(Pair<DbTable> tables) {
        for (DbCheck check : tables.previous().checks()) {
            Optional<DbCheck> kept = tables.next().checks().stream()
                    .filter(c -> c.name().equals(check.name()))
                    .findFirst();
            if (kept.isPresent() ? !check.sameAs(kept.get()) : check.managed()) {
                steps.add(new MigrationStep.DropCheck(tables.previous(), check));
            }
        }
        for (DbCheck check : tables.next().checks()) {
            Optional<DbCheck> kept = tables.previous().checks().stream()
                    .filter(c -> c.name().equals(check.name()))
                    .findFirst();
            if (kept.isEmpty() || !kept.get().sameAs(check)) {
                steps.add(new MigrationStep.AddCheck(tables.next(), check));
            }
        }
    }

    private void diffIndexes(Pair<DbTable> tables) {
        List<DbIndex> previousIndexes = tables.previous().indexes().stream()
                .map(i -> renamedIndex(i, tables.next().name()))
                .toList();
        List<DbIndex> unmatchedPrevious = new ArrayList<>();
        List<DbIndex> unmatchedNext = new ArrayList<>(tables.next().indexes());
        for (DbIndex index : previousIndexes) {
            Optional<DbIndex> same = unmatchedNext.stream()
                    .filter(n -> n.name().equals(index.name()) && n.sameDefinition(index))
                    .findFirst();
            if (same.isPresent() && !columnTypesChanged(tables, index)) {
                unmatchedNext.remove(same.get());
            } else {
                unmatchedPrevious.add(index);
            }
        }
        for (DbIndex index : unmatchedPrevious) {
            Optional<DbIndex> renamed =
                    unmatchedNext.stream().filter(n -> n.sameDefinition(index)).findFirst();
            if (renamed.isPresent() && !columnTypesChanged(tables, index)) {
                unmatchedNext.remove(renamed.get());
                steps.add(new MigrationStep.RenameIndex(
                        tables.next(), index.name(), renamed.get().name()));
            } else {
                steps.add(new MigrationStep.DropIndex(tables.previous(), index));
            }
        }
        for (DbIndex index : unmatchedNext) {
            steps.add(new MigrationStep.CreateIndex(tables.next(), index));
        }
    }

    /** An index over a column that is dropped and recreated does not survive. */
    private boolean columnTypesChanged(Pair<DbTable> tables, DbIndex index) {
        return index.columnNames().stream().anyMatch(c -> recreated(tables, c));
    }

    private boolean recreated(Pair<DbTable> tables, String nextColumn) {
        Optional<DbColumn> nextCol = tables.next().findColumn(nextColumn);
        Optional<DbColumn> previousCol = tables.previous().columns().stream()
                .filter(c -> renames.nextColumnName(tables.next().name(), c.name())
                        .orElse(c.name())
                        .equals(nextColumn))
                .findFirst();
        if (nextCol.isEmpty() || previousCol.isEmpty()) {
            return true;
        }
        return !previousCol.get().type().sameAs(nextCol.get().type())
                && cast(tables.next(), new Pair<>(previousCol.get(), nextCol.get())) == CastKind.NOT_CASTABLE;
    }

    private CastKind cast(DbTable nextTable, Pair<DbColumn> columns) {
        return recreated.contains(new ColumnRef(nextTable.name(), columns.next().name()))
                ? CastKind.NOT_CASTABLE
                : Casts.classify(columns.previous().type(), columns.next().type());
    }

    private DbIndex renamedIndex(DbIndex index, String nextTable) {
        return new DbIndex(
                index.name(),
                index.unique(),
                index.method(),
                index.columns().stream()
                        .map(c -> new DbIndex.IndexColumn(
                                renames.nextColumnName(nextTable, c.name()).orElse(c.name()),
                                c.sort(),
                                c.operatorClass()))
                        .toList(),
                index.where());
    }

    private void diffForeignKeys(Pair<DbTable> tables) {
        List<DbForeignKey> unmatchedNext = new ArrayList<>(tables.next().foreignKeys());
        List<DbForeignKey> unmatchedPrevious = new ArrayList<>();
        for (DbForeignKey original : tables.previous().foreignKeys()) {
            DbForeignKey key = renamedForeignKey(original, tables.next().name());
            boolean referencedTableKept = next.findTable(key.referencedSchema(), key.referencedTable())
                    .isPresent();
            Optional<DbForeignKey> same = unmatchedNext.stream()
                    .filter(n -> n.name().equals(key.name()) && n.sameDefinition(key))
                    .findFirst();
            if (same.isPresent() && referencedTableKept && !referencedColumnsRecreated(key)) {
                unmatchedNext.remove(same.get());
                continue;
            }
            Optional<DbForeignKey> renamed =
                    unmatchedNext.stream().filter(n -> n.sameDefinition(key)).findFirst();
            if (renamed.isPresent() && referencedTableKept && !referencedColumnsRecreated(key)) {
                unmatchedNext.remove(renamed.get());
                steps.add(new MigrationStep.RenameForeignKey(
                        tables.next(), key.name(), renamed.get().name()));
            } else {
                unmatchedPrevious.add(original);
            }
        }
        for (DbForeignKey key : unmatchedPrevious) {
            steps.add(new MigrationStep.DropForeignKey(tables.previous(), key));
        }
        for (DbForeignKey key : unmatchedNext) {
            steps.add(new MigrationStep.AddForeignKey(tables.next(), key));
        }
    }

    /** A key whose referenced or referencing columns change type must be dropped before, and added after. */
    private boolean referencedColumnsRecreated(DbForeignKey key) {
        Optional<DbTable> referencedNext = next.findTable(key.referencedSchema(), key.referencedTable());
        Optional<DbTable> referencedPrevious = previous.tables().stream()
                .filter(t -> t.schema().equals(key.referencedSchema())
                        && renames.nextTableName(t.name()).orElse(t.name()).equals(key.referencedTable()))
                .findFirst();
        if (referencedNext.isEmpty() || referencedPrevious.isEmpty()) {
            return true;
        }
        for (String column : key.referencedColumns()) {
            Optional<DbColumn> nextCol = referencedNext.get().findColumn(column);
            Optional<DbColumn> previousCol = referencedPrevious.get().columns().stream()
                    .filter(c -> renames.nextColumnName(key.referencedTable(), c.name())
                            .orElse(c.name())
                            .equals(column))
                    .findFirst();
            if (nextCol.isEmpty()
                    || previousCol.isEmpty()
                    || !Objects.equals(nextCol.get().type(), previousCol.get().type())) {
                return true;
            }
        }
        return false;
    }

    private DbForeignKey renamedForeignKey(DbForeignKey key, String nextTable) {
        String referencedTable = renames.nextTableName(key.referencedTable()).orElse(key.referencedTable());
        return new DbForeignKey(
                key.name(),
                renamedColumns(key.columns(), nextTable),
                key.referencedSchema(),
                referencedTable,
                renamedColumns(key.referencedColumns(), referencedTable),
                key.onDelete(),
                key.onUpdate());
    }
}
