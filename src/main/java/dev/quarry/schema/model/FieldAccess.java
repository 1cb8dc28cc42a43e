package dev.quarry.schema.model;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Field-level rules become column privileges, which belong to roles, not rows: a field's condition may only
 * name roles. {@code true}, {@code false}, {@code auth().role == 'r'}, {@code auth().role in ['r', 's']} and
 * {@code ||} of them are accepted; anything that reads the row or another claim is not.
 */
public final class FieldAccess {

    private FieldAccess() {}

    /** Who a column privilege goes to: {@code PUBLIC} (every role) or a set of roles, possibly none. */
    public record Grantees(boolean everyone, Set<String> roles) {
        public Grantees {
            roles = everyone ? Set.of() : Set.copyOf(roles);
        }

        public static Grantees all() {
            return new Grantees(true, Set.of());
        }

        public static Grantees none() {
            return new Grantees(false, Set.of());
        }

        public static Grantees of(Set<String> roles) {
            return new Grantees(false, roles);
        }

        public Grantees union(Grantees other) {
            if (everyone || other.everyone) {
                return all();
            }
            Set<String> union = new TreeSet<>(roles);
            union.addAll(other.roles);
            return of(union);
        }

        /** The role names sorted, for stable output. */
        public List<String> sortedRoles() {
            return roles.stream().sorted().toList();
        }
    }

    /** The roles a role-only condition admits; empty when the condition depends on anything but the role. */
    public static Optional<Grantees> grantees(PolicyCondition condition) {
        if (condition instanceof PolicyCondition.Bool bool) {
            return Optional.of(bool.value() ? Grantees.all() : Grantees.none());
        }
        if (condition instanceof PolicyCondition.Or or) {
            Optional<Grantees> left = grantees(or.left());
            Optional<Grantees> right = grantees(or.right());
            return left.isPresent() && right.isPresent()
                    ? Optional.of(left.get().union(right.get()))
                    : Optional.empty();
        }
        if (condition instanceof PolicyCondition.Compare compare && compare.op() == PolicyCondition.Comparison.EQ) {
            if (isRoleClaim(compare.left()) && compare.right() instanceof PolicyCondition.Text role) {
                return Optional.of(Grantees.of(Set.of(role.value())));
            }
            if (isRoleClaim(compare.right()) && compare.left() instanceof PolicyCondition.Text role) {
                return Optional.of(Grantees.of(Set.of(role.value())));
            }
        }
        if (condition instanceof PolicyCondition.In in
                && isRoleClaim(in.left())
                && in.values().stream().allMatch(PolicyCondition.Text.class::isInstance)) {
            return Optional.of(Grantees.of(in.values().stream()
                    .map(v -> ((PolicyCondition.Text) v).value())
                    .collect(Collectors.toSet())));
        }
        return Optional.empty();
    }

    /**
     * Who may perform {@code operation} on the field with these rules (all of the field's rules): with no allow
     * rule every role, else the roles an allow rule names; minus the roles a deny rule names. Empty when that
     * cannot be a set of GRANTs ("every role but r": PostgreSQL cannot take a column back from one role of {@code
     * PUBLIC}).
     */
    public static Optional<Grantees> grantees(List<Policy> fieldRules, Policy.Operation operation) {
        Grantees allowed = null;
        Grantees denied = Grantees.none();
        for (Policy rule : fieldRules) {
            if (!rule.operations().contains(operation)) {
                continue;
            }
            Optional<Grantees> roles = grantees(rule.condition());
            if (roles.isEmpty()) {
                return Optional.empty();
            }
            if (rule.effect() == Policy.Effect.ALLOW) {
                allowed = allowed == null ? roles.get() : allowed.union(roles.get());
            } else {
                denied = denied.union(roles.get());
            }
        }
        if (allowed == null) {
            allowed = Grantees.all();
        }
        if (denied.everyone()) {
            return Optional.of(Grantees.none());
        }
        if (allowed.everyone()) {
            return denied.roles().isEmpty() ? Optional.of(allowed) : Optional.empty();
        }
        Set<String> roles = new TreeSet<>(allowed.roles());
        roles.removeAll(denied.roles());
        return Optional.of(Grantees.of(roles));
    }

    /** Whether field rules of {@code model} hide some of its columns from some roles ({@link ReadableFields}). */
    public static boolean hasFieldReadRules(Model model) {
        return model.policies().stream()
                .anyMatch(p -> p.isFieldLevel() && p.operations().contains(Policy.Operation.READ));
    }

    /**
     * The roles that may read {@code field} of {@code model} (every role when no rule says otherwise); empty when
     * not expressible as GRANTs.
     */
    public static Optional<Grantees> readers(Model model, ScalarField field) {
        return grantees(
                model.policies().stream()
                        .filter(p -> p.field().filter(field.name()::equals).isPresent())
                        .toList(),
                Policy.Operation.READ);
    }

    private static boolean isRoleClaim(PolicyCondition condition) {
        return condition instanceof PolicyCondition.Claim claim
                && claim.path().equals(List.of(PolicyCondition.ROLE_CLAIM));
    }
}
