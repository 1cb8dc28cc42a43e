package dev.quarry.api.openapi;

import dev.quarry.schema.model.ScalarField;
import java.util.Optional;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * What the document says of a soft-delete model ({@code @deletedAt}): its field, the {@code withDeleted} reads, its
 * deletes.
 */
final class SoftDeleteDocs {

    static final String WITH_DELETED =
            "true also reads soft-deleted records (their deletedAt field set), at every depth; only for "
                    + "the roles "
                    + "of quarry.soft-delete.roles (403 Q190 otherwise).";

    private SoftDeleteDocs() {}

    private static Optional<ScalarField> field(ApiModel model) {
        return model.model().softDeleteField();
    }

    /** The field's description in the record. */
    static void describeField(Schema record, ApiModel model) {
        field(model).ifPresent(f -> {
            Schema property = record.getProperties().get(f.name());
            if (property != null) {
                String doc = Optional.ofNullable(property.getDescription())
                        .map(d -> d + "\n\n")
                        .orElse("");
                property.description(
                        doc + "Soft delete (@deletedAt): null while the record is live; delete sets it to the "
                                + "time of "
                                + "the delete and keeps the record, which reads then leave out (withDeleted reads "
                                + "it). Setting it back to null restores the record, for the roles of "
                                + "quarry.soft-delete.roles.");
            }
        });
    }

    /** A resource read of a soft-delete model: the {@code withDeleted} parameter. */
    static void describeRead(Operation op, ApiModel model) {
        if (field(model).isPresent()) {
            op.addParameter(Operations.query("withDeleted", Json.bool(), WITH_DELETED));
        }
    }

    /** A read's argument object (RPC, {@code _query}): the {@code withDeleted} property. */
    static void addArgument(Schema args, ApiModel model) {
        if (field(model).isPresent()) {
            args.addProperty("withDeleted", Json.bool().description(WITH_DELETED));
        }
    }

    /** An RPC read: {@code withDeleted} in the argument object. */
    static void describeRpcRead(Operation op, ApiModel model) {
        if (field(model).isPresent()) {
            op.description("Soft delete: soft-deleted " + model.name()
                    + " records are left out; \"withDeleted\": true in the arguments "
                    + WITH_DELETED.substring("true ".length()));
        }
    }

    /** A delete of a soft-delete model sets the field instead of removing the record. */
    static void describeDelete(Operation op, ApiModel model) {
        field(model)
                .ifPresent(f -> op.description(
                        "Soft delete: sets " + f.name() + " to the time of the delete and keeps the record, which "
                                + "reads, updates and connects then leave out; answers the record as it was. "
                                + "Relations are left as they are (no cascade)."));
    }
}
