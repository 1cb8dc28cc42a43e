package dev.quarry.schema.model;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scalar fields one role may read, where field rules ({@code /// @allow('read', auth().role == 'r')} on a
 * field) hide columns from some roles: a read's default selection leaves the hidden ones out, and its entity tag
 * digests the readable ones. Field rules name roles only ({@link FieldAccess}), so every role not named by one sees
 * the same fields: {@link #of(Schema)} makes one instance per named role and one for all the others, once per
 * schema. Plans and statements are kept per instance, so equality is identity.
 */
public final class ReadableFields {

    private static final ReadableFields ALL = new ReadableFields("every field", Map.of());

    private final String description;
    /** Model name → the names of its fields this role may not read; models with none hidden are absent. */
    private final Map<String, Set<String>> hidden;

    private ReadableFields(String description, Map<String, Set<String>> hidden) {
        this.description = description;
        this.hidden = Map.copyOf(hidden);
    }

    /** What the connecting login reads (no role is set): every field. */
    public static ReadableFields all() {
        return ALL;
    }

    public boolean readable(Model model, ScalarField field) {
        Set<String> fields = hidden.get(model.name());
        return fields == null || !fields.contains(field.name());
    }

    /** The stored scalar fields of {@code model} this role may read, in schema order. */
    public List<ScalarField> of(Model model) {
        return model.scalarFields().stream()
                .filter(f -> !(f.type() instanceof FieldType.CompositeRef))
                .filter(f -> readable(model, f))
                .toList();
    }

    @Override
    public String toString() {
        return description;
    }

    /**
     * The views of one schema: one per role a field rule names, one for every other role, and {@link #all()} for a
     * request that sets no role.
     */
    public record Views(Map<String, ReadableFields> byRole, ReadableFields otherRoles) {

        public Views {
            byRole = Map.copyOf(byRole);
        }

        public ReadableFields of(Optional<String> role) {
            return role.map(r -> byRole.getOrDefault(r, otherRoles)).orElse(ALL);
        }

        /** Every distinct view, {@link #all()} included. */
        public Set<ReadableFields> distinct() {
            Set<ReadableFields> out = new LinkedHashSet<>();
            out.add(ALL);
            out.addAll(byRole.values());
            out.add(otherRoles);
            return out;
        }
    }

    public static Views of(Schema schema) {
        Set<String> named = new TreeSet<>();
        for (Model model : schema.models()) {
            for (ScalarField field : model.scalarFields()) {
                FieldAccess.readers(model, field).ifPresent(g -> named.addAll(g.roles()));
            }
        }
        Map<String, ReadableFields> byRole = new HashMap<>();
        for (String role : named) {
            byRole.put(role, view(schema, Optional.of(role)));
        }
        ReadableFields others = view(schema, Optional.empty());
        if (others.hidden.isEmpty()) {
            return new Views(Map.of(), ALL);
        }
        return new Views(byRole, others);
    }

    /** What {@code role} may read ({@code empty}: a role no field rule names). */
    private static ReadableFields view(Schema schema, Optional<String> role) {
        Map<String, Set<String>> hidden = new HashMap<>();
        for (Model model : schema.models()) {
            for (ScalarField field : model.scalarFields()) {
                boolean readable = FieldAccess.readers(model, field)
                        .map(g ->
                                g.everyone() || role.filter(g.roles()::contains).isPresent())
                        .orElse(false);
                if (!readable) {
                    hidden.computeIfAbsent(model.name(), m -> new TreeSet<>()).add(field.name());
                }
            }
        }
        return new ReadableFields(
                role.map(r -> "the fields role " + r + " reads").orElse("the fields every role reads") + " " + hidden,
                hidden);
    }
}
