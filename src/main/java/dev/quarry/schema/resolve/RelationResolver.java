package dev.quarry.schema.resolve;

import dev.quarry.schema.diagnostics.SchemaErrors;
import dev.quarry.schema.model.Arity;
import dev.quarry.schema.model.ReferentialAction;
import dev.quarry.schema.model.Relation;
import dev.quarry.schema.model.RelationField;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pairs relation fields into relations: fields of the same two models with the same relation name
 * (or both unnamed) are the two sides. The default name is {@code <ModelA>To<ModelB>}, names sorted.
 */
final class RelationResolver {

    private final Context ctx;
    private final Map<String, ModelDraft> models;
    final List<Relation> relations = new ArrayList<>();
    final Map<RelationDraft, RelationField> resolvedFields = new IdentityHashMap<>();

    RelationResolver(Context ctx, Map<String, ModelDraft> models) {
        this.ctx = ctx;
        this.models = models;
    }

    void resolve() {
        Map<String, List<RelationDraft>> groups = new LinkedHashMap<>();
        for (ModelDraft model : models.values()) {
            for (RelationDraft field : model.relationFields()) {
                groups.computeIfAbsent(groupKey(field), k -> new ArrayList<>()).add(field);
            }
        }
        for (List<RelationDraft> group : groups.values()) {
            if (group.size() == 1) {
                missingOpposite(group.get(0));
            } else if (group.size() == 2) {
                pair(group.get(0), group.get(1));
            } else {
                ambiguous(group);
            }
        }
    }

    private static String groupKey(RelationDraft field) {
        String a = field.model();
        String b = field.target();
        String pair = a.compareTo(b) <= 0 ? a + "\u0000" + b : b + "\u0000" + a;
        return pair + "\u0000" + field.explicitName().orElse("");
    }

    private static String relationName(RelationDraft field) {
        String a = field.model();
        String b = field.target();
        return field.explicitName().orElse(a.compareTo(b) <= 0 ? a + "To" + b : b + "To" + a);
    }

    private void missingOpposite(RelationDraft field) {
        ctx.push(SchemaErrors.field(
                field.decl().span(),
                "model",
                field.model(),
                field.name(),
                "The relation field `" + field.name()
                        + "` on model `" + field.model() + "` is missing an opposite relation field on the model `"
                        + field.target()
                        + "`. Either run `prisma format` or add it manually."));
    }

    private void ambiguous(List<RelationDraft> group) {
        RelationDraft first = group.get(0);
        RelationDraft second = group.get(1);
        String message = first.model().equals(first.target())
                ? "Ambiguous self relation detected. The fields `" + first.name() + "` and `" + second.name()
                        + "` in model `" + first.model()
                        + "` both refer to `" + first.target()
                        + "`. If they are part of the same relation add the same relation name for them with "
                        + "`@relation(<name>)`."
                : "Ambiguous relation detected. The fields `" + first.name() + "` and `" + second.name()
                        + "` in model `" + first.model() + "` both refer to `" + first.target()
                        + "`. Please provide different relation names for them by adding `@relation(<name>).";
        ctx.push(SchemaErrors.model(first.decl().span(), "model", first.model(), message));
    }

    private void pair(RelationDraft one, RelationDraft two) {
        String name = relationName(one);
        if (one.arity() == Arity.LIST && two.arity() == Arity.LIST) {
            manyToMany(name, one, two);
            return;
        }
        RelationDraft referencing;
        RelationDraft referenced;
        if (one.hasForeignKey() && !two.hasForeignKey()) {
            referencing = one;
            referenced = two;
        } else if (two.hasForeignKey() && !one.hasForeignKey()) {
            referencing = two;
            referenced = one;
        } else if (one.hasForeignKey()) {
            ctx.push(SchemaErrors.field(
                    two.decl().span(),
                    "model",
                    two.model(),
                    two.name(),
                    "The relation fields `" + one.name() + "` on Model `"
                            + one.model() + "` and `" + two.name() + "` on Model `" + two.model()
                            + "` both provide the `references` argument in the @relation attribute. You have to "
                            + "provide it only on one of the two fields."));
            return;
        } else {
            RelationDraft nonList = one.arity() == Arity.LIST ? two : one;
            if (one.arity() != Arity.LIST && two.arity() != Arity.LIST) {
                ctx.push(SchemaErrors.field(
                        two.decl().span(),
                        "model",
                        two.model(),
                        two.name(),
                        "The relation fields `" + one.name() + "` on Model `"
                                + one.model() + "` and `" + two.name() + "` on Model `" + two.model()
                                + "` do not provide the `fields` argument in the @relation attribute. You have to "
                                + "provide it on one of the two fields."));
            } else {
                ctx.push(SchemaErrors.attribute(
                        nonList.decl().span(),
                        "@relation",
                        "The relation field `" + nonList.name() + "` on Model `" + nonList.model()
                                + "` must specify the `fields` argument in the @relation attribute. You can run "
                                + "`prisma format` to fix this automatically."));
            }
            return;
        }
        Relation.Kind kind = referenced.arity() == Arity.LIST ? Relation.Kind.ONE_TO_MANY : Relation.Kind.ONE_TO_ONE;
        // Prisma's referential arity: a required scalar field makes the relation required, whatever the relation
        // field says.
        boolean required = referencing.arity() == Arity.REQUIRED
                || referencing.fields().stream()
                        .anyMatch(f -> models.get(referencing.model())
                                .findScalar(f)
                                .map(s -> s.arity() == Arity.REQUIRED)
                                .orElse(false));
        ReferentialAction onDelete =
                referencing.onDelete().orElse(required ? ReferentialAction.RESTRICT : ReferentialAction.SET_NULL);
        ReferentialAction onUpdate = referencing.onUpdate().orElse(ReferentialAction.CASCADE);
        relations.add(new Relation(
                name,
                kind,
                referencing.model(),
                Optional.of(referencing.name()),
                referencing.fields(),
                referenced.model(),
                Optional.of(referenced.name()),
                referencing.references(),
                onDelete,
                onUpdate,
                referencing.map()));
        resolvedFields.put(one, field(one, name));
        resolvedFields.put(two, field(two, name));
    }

    private void manyToMany(String name, RelationDraft one, RelationDraft two) {
        RelationDraft a = one;
        RelationDraft b = two;
        int order = one.model().equals(two.model())
                ? one.name().compareTo(two.name())
                : one.model().compareTo(two.model());
        if (order > 0) {
            a = two;
            b = one;
        }
        relations.add(new Relation(
                name,
                Relation.Kind.MANY_TO_MANY,
                a.model(),
                Optional.of(a.name()),
                idFields(a.model()),
                b.model(),
                Optional.of(b.name()),
                idFields(b.model()),
                ReferentialAction.CASCADE,
                ReferentialAction.CASCADE,
                Optional.empty()));
        resolvedFields.put(one, field(one, name));
        resolvedFields.put(two, field(two, name));
    }

    private List<String> idFields(String model) {
        return models.get(model).primaryKey.map(pk -> pk.fieldNames()).orElse(List.of());
    }

    private static RelationField field(RelationDraft draft, String relationName) {
        return new RelationField(
                draft.name(),
                draft.target(),
                draft.arity(),
                relationName,
                draft.fields(),
                draft.references(),
                draft.onDelete(),
                draft.onUpdate(),
                draft.map(),
                draft.ignored(),
                draft.decl().documentation());
    }
}
