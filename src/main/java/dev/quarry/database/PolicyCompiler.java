package dev.quarry.database;

import static dev.quarry.schema.model.Identifiers.literal;
import static dev.quarry.schema.model.Identifiers.quote;

import dev.quarry.schema.model.EnumType;
import dev.quarry.schema.model.FieldAccess;
import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.Policy;
import dev.quarry.schema.model.PolicyCondition;
import dev.quarry.schema.model.PolicyOptions;
import dev.quarry.schema.model.RawSql;
import dev.quarry.schema.model.Relation;
import dev.quarry.schema.model.RelationField;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.Schema;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A model's access policies → its table's row-level security: one policy per rule and operation, named
 * {@code allow_read_1} (effect, operation, rank among the model's rules of that effect and operation), and the
 * privileges that let the declared roles ({@link PolicyOptions#roles()}, never {@code PUBLIC}) reach the table, so
 * that the policies decide which rows.
 *
 * <ul>
 *   <li>{@code @@allow} → {@code AS PERMISSIVE}; several permissive policies of one command are OR-ed.</li>
 *   <li>{@code @@deny} → {@code AS RESTRICTIVE} with the condition negated; restrictive policies are AND-ed.</li>
 * <li>'read' → {@code FOR SELECT USING}, 'create' → {@code FOR INSERT WITH CHECK}, 'delete' → {@code FOR DELETE
 * USING},
 * 'update' → {@code FOR UPDATE USING}: without {@code future()} PostgreSQL checks the row after the update with
 *       the same condition; the {@code &&} operands with {@code future()} become {@code WITH CHECK}.</li>
 *   <li>{@code auth()} → the claims in {@code request.jwt.claims}; {@code auth().x} → {@code ->> 'x'}, cast to the
 * type of what it is compared with; {@code auth() == null} → the claims carry no {@code id}. {@code auth().role}
 *       → {@code current_user}: the request switches to its role, so this is the role it runs as, whatever claim
 *       named it, and setting {@code request.jwt.claims} cannot forge it.</li>
 *   <li>The join table of an implicit many-to-many relation with a ruled side: read only where both sides' rows
 * are readable, linked and unlinked only where both sides' rows may be updated ({@link #compileJoinTable}).</li>
 *   <li>Field-level rules → column privileges instead of the table privilege (see {@link FieldAccess}).</li>
 * </ul>
 */
final class PolicyCompiler {

    /** The request's claims; an unset or emptied setting (after a transaction-local one ends) is no claims. */
    static final String CLAIMS = "nullif(current_setting('request.jwt.claims', true), '')::jsonb";

    /**
     * {@code auth().role}: the role the request runs as ({@code set_config('role', …)} makes it the current user).
     */
    static final String ROLE = "current_user";

    /**
     * The claim whose absence is {@code auth() == null}: ZenStack's {@code auth()} is the user, and {@code id}
     * names it.
     */
    static final String USER_CLAIM = "id";

    private static final List<String> TABLE_PRIVILEGES = List.of("SELECT", "INSERT", "UPDATE", "DELETE");

    /** A join table's rows are only ever read, inserted (link) and deleted (unlink). */
    private static final List<String> JOIN_TABLE_PRIVILEGES = List.of("SELECT", "INSERT", "DELETE");

    private final Schema schema;
    private final Function<Model, DbTable> tables;
    private final String defaultSchema;
    private int aliases;

    PolicyCompiler(Schema schema, Function<Model, DbTable> tables, String defaultSchema) {
        this.schema = schema;
        this.tables = tables;
        this.defaultSchema = defaultSchema;
    }

    DbTableSecurity compile(Model model) {
        DbTable table = tables.apply(model);
        return new DbTableSecurity(
                table.schema(),
                table.name(),
                true,
                schema.policyOptions().force(),
                policies(model),
                grants(model, table));
    }

    /**
     * The join table ({@code "A"}, {@code "B"}) of an implicit many-to-many relation one of whose sides has rules:
     * a link is read where both rows are readable ({@code EXISTS} on each ruled side, which that side's read
     * policies filter), and made or removed where both rows may also be updated (the side's update policies,
     * inlined).
     */
    DbTableSecurity compileJoinTable(Relation relation, DbTable joinTable) {
        Model a = schema.model(relation.referencingModel());
        Model b = schema.model(relation.referencedModel());
        String aKey = relation.referencingScalars().get(0);
        String bKey = relation.referencedScalars().get(0);
        List<String> visible = new ArrayList<>();
        List<String> updatable = new ArrayList<>();
        for (Side side :
                List.of(new Side(a, aKey, "A", "r" + (++aliases)), new Side(b, bKey, "B", "r" + (++aliases)))) {
            if (side.model().hasPolicies()) {
                visible.add(side(joinTable, side, Optional.empty()));
                updatable.add(side(joinTable, side, Optional.of(mayUpdate(side.model(), side.alias()))));
            }
        }
        String read = String.join(" AND ", visible);
        String write = String.join(" AND ", updatable);
        List<DbPolicy> policies = List.of(
                DbPolicy.of(
                        "allow_read_1",
                        DbPolicy.Command.SELECT,
                        true,
                        List.of("public"),
                        Optional.of(RawSql.compiled(read)),
                        Optional.empty()),
                DbPolicy.of(
                        "allow_create_1",
                        DbPolicy.Command.INSERT,
                        true,
                        List.of("public"),
                        Optional.empty(),
                        Optional.of(RawSql.compiled(write))),
                DbPolicy.of(
                        "allow_delete_1",
                        DbPolicy.Command.DELETE,
                        true,
                        List.of("public"),
                        Optional.of(RawSql.compiled(write)),
                        Optional.empty()));
        List<DbGrant> grants = new ArrayList<>();
        for (String privilege : JOIN_TABLE_PRIVILEGES) {
            schema.policyOptions().roles().forEach(role -> grants.add(DbGrant.table(privilege, role)));
        }
        return new DbTableSecurity(
                joinTable.schema(),
                joinTable.name(),
                true,
                schema.policyOptions().force(),
                policies,
                grants);
    }

    /**
     * One side of a join table: its model, the key field the join column holds, the join column, the alias of its
     * row.
     */
    private record Side(Model model, String key, String column, String alias) {}

    /** {@code EXISTS (SELECT 1 FROM side AS alias WHERE alias.key = join."A" [AND condition])}. */
    private String side(DbTable joinTable, Side side, Optional<String> condition) {
        String key = quote(side.alias()) + "."
                + quote(side.model().scalarField(side.key()).dbName());
        return "EXISTS (SELECT 1 FROM " + qualified(tables.apply(side.model())) + " AS " + quote(side.alias())
                + " WHERE " + key + " = " + quote(joinTable.name()) + "." + quote(side.column())
                + condition.map(c -> " AND (" + c + ")").orElse("") + ")";
    }

    /**
     * Whether the row of {@code alias} may be updated, as the model's update policies decide before the update: the
     * permissive ones OR-ed, AND the restrictive ones; {@code false} without a permissive one.
     */
    private String mayUpdate(Model model, String alias) {
        Scope scope = new Scope(model, Optional.of(alias));
        List<String> allowed = new ArrayList<>();
        List<String> denied = new ArrayList<>();
        for (Policy policy : model.policies()) {
            if (!policy.isFieldLevel() && policy.operations().contains(Policy.Operation.UPDATE)) {
                boolean allow = policy.effect() == Policy.Effect.ALLOW;
                String using = policy(model, "", Policy.Operation.UPDATE, allow, policy.condition(), scope)
                        .using()
                        .orElseThrow()
                        .text();
                (allow ? allowed : denied).add(using);
            }
        }
        if (allowed.isEmpty()) {
            return "false";
        }
        String any = allowed.size() == 1
                ? allowed.get(0)
                : allowed.stream().map(c -> "(" + c + ")").collect(Collectors.joining(" OR "));
        if (denied.isEmpty()) {
            return any;
        }
        List<String> all = new ArrayList<>(List.of(any));
        all.addAll(denied);
        return all.stream().map(c -> "(" + c + ")").collect(Collectors.joining(" AND "));
    }

    private List<DbPolicy> policies(Model model) {
        List<DbPolicy> policies = new ArrayList<>();
        Map<Policy.Operation, int[]> allowRanks = new EnumMap<>(Policy.Operation.class);
        Map<Policy.Operation, int[]> denyRanks = new EnumMap<>(Policy.Operation.class);
        for (Policy policy : model.policies()) {
            if (policy.isFieldLevel()) {
                continue;
            }
            boolean allow = policy.effect() == Policy.Effect.ALLOW;
            for (Policy.Operation operation : Policy.Operation.values()) {
                if (!policy.operations().contains(operation)) {
                    continue;
                }
                int rank = ++(allow ? allowRanks : denyRanks).computeIfAbsent(operation, o -> new int[1])[0];
                String name = (allow ? "allow_" : "deny_") + operation.text + "_" + rank;
                policies.add(
                        policy(model, name, operation, allow, policy.condition(), new Scope(model, Optional.empty())));
            }
        }
        return policies;
    }

    private DbPolicy policy(
            Model model,
            String name,
            Policy.Operation operation,
            boolean allow,
            PolicyCondition condition,
            Scope scope) {
        Optional<String> using;
        Optional<String> withCheck;
        switch (operation) {
            case CREATE:
                using = Optional.empty();
                withCheck = Optional.of(effect(allow, sql(condition, scope)));
                break;
            case UPDATE: {
                List<PolicyCondition> before = new ArrayList<>();
                List<PolicyCondition> after = new ArrayList<>();
                for (PolicyCondition conjunct : conjuncts(condition)) {
                    (readsFuture(conjunct) ? after : before).add(conjunct);
                }
                if (after.isEmpty()) {
                    using = Optional.of(effect(allow, sql(condition, scope)));
                    withCheck = Optional.empty();
                } else if (allow) {
                    using = Optional.of(before.isEmpty() ? "true" : and(before, scope));
                    withCheck = Optional.of(and(after, scope));
                } else {
                    using = Optional.of("true");
                    withCheck = Optional.of(effect(false, and(after, scope)));
                }
                break;
            }
            default:
                using = Optional.of(effect(allow, sql(condition, scope)));
                withCheck = Optional.empty();
        }
        return DbPolicy.of(
                name,
                command(operation),
                allow,
                List.of("public"),
                using.map(RawSql::compiled),
                withCheck.map(RawSql::compiled));
    }

    private String and(List<PolicyCondition> conjuncts, Scope scope) {
        if (conjuncts.size() == 1) {
            return sql(conjuncts.get(0), scope);
        }
        return conjuncts.stream().map(c -> operand(c, scope)).collect(Collectors.joining(" AND "));
    }

    private static String effect(boolean allow, String condition) {
        return allow ? condition : "NOT (" + condition + ")";
    }

    private static DbPolicy.Command command(Policy.Operation operation) {
        switch (operation) {
            case CREATE:
                return DbPolicy.Command.INSERT;
            case READ:
                return DbPolicy.Command.SELECT;
            case UPDATE:
                return DbPolicy.Command.UPDATE;
            default:
                return DbPolicy.Command.DELETE;
        }
    }

    private static List<PolicyCondition> conjuncts(PolicyCondition condition) {
        if (condition instanceof PolicyCondition.And and) {
            List<PolicyCondition> all = new ArrayList<>(conjuncts(and.left()));
            all.addAll(conjuncts(and.right()));
            return all;
        }
        return List.of(condition);
    }

    private static boolean readsFuture(PolicyCondition condition) {
        if (condition instanceof PolicyCondition.Future) {
            return true;
        }
        if (condition instanceof PolicyCondition.Compare c) {
            return readsFuture(c.left()) || readsFuture(c.right());
        }
        if (condition instanceof PolicyCondition.In in) {
            return readsFuture(in.left());
        }
        if (condition instanceof PolicyCondition.And a) {
            return readsFuture(a.left()) || readsFuture(a.right());
        }
        if (condition instanceof PolicyCondition.Or o) {
            return readsFuture(o.left()) || readsFuture(o.right());
        }
        if (condition instanceof PolicyCondition.Not n) {
            return readsFuture(n.operand());
        }
        return false;
    }

    /**
     * The row a condition reads: the policy's table (its columns unqualified) or a related table inside an {@code
     * EXISTS} (by its alias).
     */
    private record Scope(Model model, Optional<String> alias) {
        String column(ScalarField field) {
            return alias.map(a -> quote(a) + ".").orElse("") + quote(field.dbName());
        }
    }

    /** A data rule's condition ({@code @@validate}) on the model's row, its columns unqualified. */
    String rowCondition(Model model, PolicyCondition condition) {
        return sql(condition, new Scope(model, Optional.empty()));
    }

    /** A condition as SQL, without parentheses around the whole. */
    private String sql(PolicyCondition condition, Scope scope) {
        if (condition instanceof PolicyCondition.And and) {
            return operand(and.left(), scope) + " AND " + operand(and.right(), scope);
        }
        if (condition instanceof PolicyCondition.Or or) {
            return operand(or.left(), scope) + " OR " + operand(or.right(), scope);
        }
        if (condition instanceof PolicyCondition.Not not) {
            return "NOT " + operand(not.operand(), scope);
        }
        if (condition instanceof PolicyCondition.Compare compare) {
            return compare(compare, scope);
        }
        if (condition instanceof PolicyCondition.In in) {
            if (in.values().isEmpty()) {
                return "false";
            }
            return value(in.left(), in.values().get(0), scope) + " IN ("
                    + in.values().stream().map(v -> value(v, in.left(), scope)).collect(Collectors.joining(", ")) + ")";
        }
        if (condition instanceof PolicyCondition.Related related) {
            return exists(related, scope);
        }
        if (condition instanceof PolicyCondition.Claim claim) {
            return "(" + claim(claim) + ")::boolean";
        }
        return value(condition, condition, scope);
    }

    /** A condition inside a larger one: parenthesised unless it is one term. */
    private String operand(PolicyCondition condition, Scope scope) {
        String sql = sql(condition, scope);
        boolean single = condition instanceof PolicyCondition.Column
                || condition instanceof PolicyCondition.Future
                || condition instanceof PolicyCondition.Length
                || condition instanceof PolicyCondition.Bool
                || condition instanceof PolicyCondition.Related;
        return single ? sql : "(" + sql + ")";
    }

    private String compare(PolicyCondition.Compare compare, Scope scope) {
        boolean equality = compare.op() == PolicyCondition.Comparison.EQ;
        if (compare.right() instanceof PolicyCondition.Null || compare.left() instanceof PolicyCondition.Null) {
            PolicyCondition other = compare.right() instanceof PolicyCondition.Null ? compare.left() : compare.right();
            String tested =
                    other instanceof PolicyCondition.Claim claim && claim.path().isEmpty()
                            ? "(" + CLAIMS + " ->> " + literal(USER_CLAIM) + ")"
                            : value(other, other, scope);
            return tested + (equality ? " IS NULL" : " IS NOT NULL");
        }
        String op = switch (compare.op()) {
            case EQ -> "=";
            case NE -> "<>";
            case LT -> "<";
            case LE -> "<=";
            case GT -> ">";
            case GE -> ">=";
        };
        return value(compare.left(), compare.right(), scope) + " " + op + " "
                + value(compare.right(), compare.left(), scope);
    }

    /** An operand of a comparison; a claim takes the type of the other side ({@code other}). */
    private String value(PolicyCondition value, PolicyCondition other, Scope scope) {
        if (value instanceof PolicyCondition.Text text) {
            return literal(text.value());
        }
        if (value instanceof PolicyCondition.Number number) {
            return number.value().toPlainString();
        }
        if (value instanceof PolicyCondition.Bool bool) {
            return String.valueOf(bool.value());
        }
        if (value instanceof PolicyCondition.Null) {
            return "NULL";
        }
        if (value instanceof PolicyCondition.EnumValue enumValue) {
            EnumType enumType = schema.findEnum(enumValue.enumName()).orElseThrow();
            return literal(enumType.values().stream()
                    .filter(v -> v.name().equals(enumValue.value()))
                    .findFirst()
                    .orElseThrow()
                    .dbName());
        }
        if (value instanceof PolicyCondition.Column column) {
            return scope.column(scope.model().scalarField(column.field()));
        }
        if (value instanceof PolicyCondition.Future future) {
            return quote(scope.model().scalarField(future.field()).dbName());
        }
        if (value instanceof PolicyCondition.Length length) {
            return "char_length(" + scope.column(scope.model().scalarField(length.field())) + ")";
        }
        PolicyCondition.Claim claim = (PolicyCondition.Claim) value;
        if (isRole(claim)) {
            return castFor(other, scope).map(type -> ROLE + "::text::" + type).orElse(ROLE);
        }
        String text = "(" + claim(claim) + ")";
        return castFor(other, scope).map(type -> text + "::" + type).orElse(text);
    }

    private static boolean isRole(PolicyCondition.Claim claim) {
        return claim.path().equals(List.of(PolicyCondition.ROLE_CLAIM));
    }

    private static String claim(PolicyCondition.Claim claim) {
        if (isRole(claim)) {
            return ROLE;
        }
        if (claim.path().size() == 1) {
            return CLAIMS + " ->> " + literal(claim.path().get(0));
        }
        return CLAIMS + " #>> " + literal("{" + String.join(",", claim.path()) + "}");
    }

    /** The type a claim (text) is cast to when compared with {@code other}; none for text. */
    private Optional<String> castFor(PolicyCondition other, Scope scope) {
        if (other instanceof PolicyCondition.Number) {
            return Optional.of("numeric");
        }
        if (other instanceof PolicyCondition.Bool) {
            return Optional.of("boolean");
        }
        ScalarField field = null;
        if (other instanceof PolicyCondition.Column column) {
            field = scope.model().scalarField(column.field());
        } else if (other instanceof PolicyCondition.Future future) {
            field = scope.model().scalarField(future.field());
        }
        if (field == null) {
            return Optional.empty();
        }
        String name = field.dbName();
        ColumnType type =
                tables.apply(scope.model()).findColumn(name).orElseThrow().type();
        if (field.type() instanceof FieldType.EnumRef
                || !type.sql(defaultSchema).equals("TEXT")) {
            return Optional.of(type.sql(defaultSchema));
        }
        return Optional.empty();
    }

    /**
     * {@code EXISTS (SELECT 1 FROM related AS alias WHERE join AND condition)}, or its negations for every/none.
     */
    private String exists(PolicyCondition.Related related, Scope scope) {
        RelationField field =
                scope.model().findRelationField(related.relationField()).orElseThrow();
        Relation relation = schema.relationOf(scope.model(), field);
        Model target = schema.model(field.relatedModel());
        boolean holdsKey = relation.referencingModel().equals(scope.model().name())
                && relation.referencingField().filter(field.name()::equals).isPresent();
        List<String> innerColumns = holdsKey ? relation.referencedScalars() : relation.referencingScalars();
        List<String> outerColumns = holdsKey ? relation.referencingScalars() : relation.referencedScalars();
        String alias = "r" + (++aliases);
        Scope inner = new Scope(target, Optional.of(alias));
        String outerName = scope.alias().orElse(tables.apply(scope.model()).name());
        List<String> join = new ArrayList<>();
        for (int i = 0; i < innerColumns.size(); i++) {
            join.add(inner.column(target.scalarField(innerColumns.get(i))) + " = " + quote(outerName) + "."
                    + quote(scope.model().scalarField(outerColumns.get(i)).dbName()));
        }
        DbTable targetTable = tables.apply(target);
        String from = "SELECT 1 FROM " + qualified(targetTable) + " AS " + quote(alias) + " WHERE "
                + String.join(" AND ", join);
        switch (related.quantifier()) {
            case EVERY:
                return "NOT EXISTS (" + from + " AND NOT " + operand(related.condition(), inner) + ")";
            case NONE:
                return "NOT EXISTS (" + from + " AND " + operand(related.condition(), inner) + ")";
            default:
                return "EXISTS (" + from + " AND " + operand(related.condition(), inner) + ")";
        }
    }

    private String qualified(DbTable table) {
        return table.schema().equals(defaultSchema)
                ? quote(table.name())
                : quote(table.schema()) + "." + quote(table.name());
    }

    /**
     * The declared roles may reach the table (row-level security picks the rows), except for columns with
     * field-level rules, which go to the roles those rules name; and the declared roles may take ids from the
     * table's sequences.
     */
    private List<DbGrant> grants(Model model, DbTable table) {
        List<String> roles = schema.policyOptions().roles();
        List<DbGrant> grants = new ArrayList<>();
        for (String privilege : TABLE_PRIVILEGES) {
            Optional<Policy.Operation> fieldOperation = privilege.equals("SELECT")
                    ? Optional.of(Policy.Operation.READ)
                    : privilege.equals("UPDATE") ? Optional.of(Policy.Operation.UPDATE) : Optional.empty();
            boolean restricted = fieldOperation.isPresent()
                    && model.policies().stream()
                            .anyMatch(p -> p.isFieldLevel() && p.operations().contains(fieldOperation.get()));
            if (!restricted) {
                roles.forEach(role -> grants.add(DbGrant.table(privilege, role)));
                continue;
            }
            for (ScalarField field : model.scalarFields()) {
                if (field.type() instanceof FieldType.CompositeRef) {
                    continue;
                }
                List<Policy> rules = model.policies().stream()
                        .filter(p -> p.field().filter(field.name()::equals).isPresent())
                        .toList();
                FieldAccess.Grantees grantees =
                        FieldAccess.grantees(rules, fieldOperation.get()).orElseThrow();
                for (String role : grantees.everyone() ? roles : grantees.sortedRoles()) {
                    grants.add(DbGrant.column(field.dbName(), privilege, role));
                }
            }
        }
        for (DbColumn column : table.columns()) {
            if (column.autoincrement()) {
                roles.forEach(role -> grants.add(DbGrant.sequence(serialSequence(table.name(), column.name()), role)));
            }
        }
        return grants;
    }

    /** The name PostgreSQL gives a serial column's sequence (names within its 63-byte limit). */
    static String serialSequence(String table, String column) {
        return table + "_" + column + "_seq";
    }
}
