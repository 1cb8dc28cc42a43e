package dev.quarry.query.exec;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.quarry.error.ErrorCode;
import dev.quarry.query.plan.Hop;
import dev.quarry.query.write.WriteError;
import dev.quarry.schema.model.Model;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The failures a running write finds in the records (one missing or changed, a relation it would break), in Prisma
 * 7's words and meta.
 */
final class WriteFailures {

    private WriteFailures() {}

    /** Prisma 7's meta: the model and the operation ({@code "an update"}). */
    static RuntimeException notFound(Model model, String operation) {
        return new WriteError(
                        ErrorCode.RECORD_NOT_FOUND,
                        "An operation failed because it depends on one or more records that were required "
                                + "but not found. "
                                + "No record was found for " + operation + ".",
                        Map.of("modelName", model.name(), "operation", operation))
                .exception();
    }

    static RuntimeException preconditionFailed(Model model) {
        return new WriteError(
                        ErrorCode.PRECONDITION_FAILED,
                        "The " + model.name() + " record has changed (or is gone) since the version named in If-Match",
                        Map.of("modelName", model.name()))
                .exception();
    }

    /** The two models of a relation in Prisma's order (by name), as its P2014 names them. */
    static String modelA(Hop hop) {
        return hop.from().name().compareTo(hop.to().name()) <= 0
                ? hop.from().name()
                : hop.to().name();
    }

    static String modelB(Hop hop) {
        return hop.from().name().compareTo(hop.to().name()) <= 0
                ? hop.to().name()
                : hop.from().name();
    }

    static RuntimeException requiredRelation(Hop hop, Map<String, Object> names) {
        Map<String, Object> meta = new HashMap<>(names);
        meta.put("modelName", hop.from().name());
        return new WriteError(
                        ErrorCode.REQUIRED_RELATION_VIOLATION,
                        "The change you are trying to make would violate the required relation '"
                                + hop.relation().name() + "' between the `" + modelA(hop) + "` and `" + modelB(hop)
                                + "` models.",
                        meta)
                .exception();
    }

    /**
     * Prisma 7's meta: both models, the relation and its kind, the operation, and what the record was needed for.
     */
    static RuntimeException nestedMissing(Hop hop, String operation) {
        String kind = relationType(hop);
        Optional<String> neededFor = operation.equals("connect") && hop.fromHoldsForeignKey()
                ? Optional.of("inline the relation on '" + hop.from().name() + "' record(s)")
                : Optional.empty();
        String cause = "No '" + hop.to().name() + "' record"
                + neededFor.map(n -> " (needed to " + n + ")").orElse("") + " was found for a nested " + operation
                + " on " + kind + " relation '" + hop.relation().name() + "'.";
        Map<String, Object> meta = new HashMap<>();
        meta.put("modelName", hop.from().name());
        meta.put("model", hop.to().name());
        meta.put("relation", hop.relation().name());
        meta.put("relationType", kind);
        meta.put("operation", "a nested " + operation);
        meta.put(
                "neededFor",
                neededFor
                        .<Object>map(n -> n)
                        .orElse(NullNode.instance)); // Prisma's null; WriteError's meta takes no Java null
        meta.put("cause", cause);
        return new WriteError(
                        ErrorCode.RECORD_NOT_FOUND,
                        "An operation failed because it depends on one or more records that were required "
                                + "but not found. "
                                + cause,
                        meta)
                .exception();
    }

    /** A to-many nested delete that found no record among the parent's: Prisma's P2017. */
    static RuntimeException notConnected(Hop hop) {
        return new WriteError(
                        ErrorCode.RECORDS_NOT_CONNECTED,
                        "The records for relation `" + hop.relation().name() + "` between the `"
                                + hop.from().name() + "` and `" + hop.to().name() + "` models are not connected.",
                        Map.of(
                                "modelName", hop.from().name(),
                                "relation", hop.relation().name(),
                                "parent", hop.from().name(),
                                "child", hop.to().name()))
                .exception();
    }

    /** A one-to-many connect from the parent's side that found no record: Prisma's P2018. */
    static RuntimeException connectedMissing(Hop hop) {
        String kind = relationType(hop);
        Map<String, Object> meta = new HashMap<>();
        meta.put("modelName", hop.from().name());
        meta.put("expectedRows", 1);
        meta.put("relation", hop.relation().name());
        meta.put("relationType", kind);
        return new WriteError(
                        ErrorCode.CONNECTED_RECORDS_NOT_FOUND,
                        "The required connected records were not found. Expected 1 records to be connected "
                                + "after connect "
                                + "operation on " + kind + " relation '"
                                + hop.relation().name() + "', found 0.",
                        meta)
                .exception();
    }

    static String relationType(Hop hop) {
        return switch (hop.relation().kind()) {
            case ONE_TO_ONE -> "one-to-one";
            case ONE_TO_MANY -> "one-to-many";
            case MANY_TO_MANY -> "many-to-many";
        };
    }
}
