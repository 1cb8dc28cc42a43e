package dev.quarry.schema.resolve;

import dev.quarry.schema.diagnostics.SchemaErrors;
import dev.quarry.schema.model.Field;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import dev.quarry.schema.syntax.Attribute;
import dev.quarry.schema.syntax.Comment;
import dev.quarry.schema.syntax.CommentAttributes;
import dev.quarry.schema.syntax.Member;
import dev.quarry.schema.syntax.Top;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Soft delete, ZenStack v3's {@code @deletedAt} (as an attribute, or in the field's {@code ///} comment so that
 * Prisma's own tools still accept the file) → {@link Model#deletedAt()}: on one optional {@code DateTime} field of
 * a model.
 */
final class SoftDeleteResolver {

    private static final String NAME = "@" + CommentAttributes.DELETED_AT;

    private final Context ctx;
    private final List<Model> models;

    SoftDeleteResolver(Context ctx, List<Model> models) {
        this.ctx = ctx;
        this.models = models;
    }

    /** Every model, with its {@code @deletedAt} field where it has one. */
    List<Model> resolve(List<Top.Block> blocks) {
        Map<String, Model> byName = new LinkedHashMap<>();
        models.forEach(m -> byName.put(m.name(), m));
        for (Top.Block block : blocks) {
            List<Written> written = written(block);
            if (written.isEmpty()) {
                continue;
            }
            Model model = block.keyword() == Top.Keyword.MODEL
                    ? byName.get(block.name().name())
                    : null;
            if (model == null) {
                written.forEach(w -> ctx.push(SchemaErrors.attribute(
                        w.attribute().span(),
                        NAME,
                        "Soft delete can only be defined on a model's field, not on a "
                                + block.keyword().containerType() + "'s.")));
                continue;
            }
            Optional<String> field = Optional.empty();
            for (Written w : written) {
                if (w.inComment()
                        && !w.attribute()
                                .argumentList()
                                .isEmpty()) { // the attribute form's are ModelResolver's to refuse
                    ctx.push(SchemaErrors.attribute(w.attribute().span(), NAME, "The attribute takes no arguments."));
                } else if (field.isPresent()) {
                    ctx.push(SchemaErrors.attribute(
                            w.attribute().span(),
                            NAME,
                            "A model can have at most one @deletedAt field; " + model.name() + " already has `"
                                    + field.get() + "`."));
                } else if (fits(model, w)) {
                    field = Optional.of(w.field().name().name());
                }
            }
            byName.put(model.name(), model.withDeletedAt(field));
        }
        return List.copyOf(byName.values());
    }

    /** An optional DateTime scalar: null is "live", a time is "deleted at". */
    private boolean fits(Model model, Written w) {
        Optional<Field> field = model.findField(w.field().name().name());
        if (field.isEmpty()
                || !(field.get() instanceof ScalarField scalar)
                || scalar.type() != ScalarType.DATETIME
                || !scalar.isOptional()) {
            ctx.push(SchemaErrors.attribute(
                    w.attribute().span(),
                    NAME,
                    "Fields that are marked with @deletedAt must be of type DateTime? (optional: null "
                            + "means not deleted)."));
            return false;
        }
        return true;
    }

    private record Written(Attribute attribute, Member.FieldDecl field, boolean inComment) {}

    private List<Written> written(Top.Block block) {
        List<Written> written = new ArrayList<>();
        for (Member.FieldDecl field : block.fields()) {
            for (Attribute attribute : field.attributes()) {
                if (attribute.name().name().equals(CommentAttributes.DELETED_AT)) {
                    written.add(new Written(attribute, field, false));
                }
            }
            List<Comment> comments = new ArrayList<>();
            field.leadingComments().ifPresent(c -> comments.addAll(c.comments()));
            field.trailingComment().ifPresent(comments::add);
            for (Comment comment : comments) {
                CommentAttributes.deletedAt(comment, ctx.diagnostics)
                        .filter(a -> !CommentAttributes.isBlockLevel(a))
                        .ifPresent(a -> written.add(new Written(a, field, true)));
            }
        }
        return written;
    }
}
