package dev.quarry.api.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.schema.model.Arity;
import dev.quarry.schema.model.Schema;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The Prisma 7 bugs a parity case may run into (README, "Where Quarry differs from Prisma 7"). Where Prisma fails
 * with one, Quarry's answer is not taken on trust: it is checked against the right answer, which Prisma Client
 * computes by another route that avoids the bug.
 */
enum PrismaBug {

    /**
     * {@code aggregate} with {@code _min}/{@code _max} over a {@code @db.Uuid} field: Prisma 7.10 sends {@code
     * min(uuid)} to PostgreSQL, which has no such function (P2039 "function max(uuid) does not exist"). The right
     * {@code _min}/{@code _max} of a field is its first non-null value in ascending/descending order, and the other
     * aggregates are Prisma's own once {@code _min}/{@code _max} are left out.
     */
    MIN_MAX_UUID;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> AGGREGATE_ARGUMENTS = Set.of("where", "_count", "_avg", "_sum", "_min", "_max");

    boolean matches(int prismaStatus, String prismaBody) {
        return prismaStatus == 400
                && prismaBody.contains("\"code\":\"P2039\"")
                && prismaBody.matches("(?s).*function m(in|ax)\\(uuid\\) does not exist.*");
    }

    /** Quarry's answer equals the right one; false when the case is not one this check can compute. */
    boolean quarryIsRight(PrismaPeer peer, Schema schema, ArgsGenerator.Case c, JsonNode quarry) throws Exception {
        JsonNode args = JSON.readTree(c.args());
        Iterator<String> names = args.fieldNames();
        while (names.hasNext()) {
            if (!AGGREGATE_ARGUMENTS.contains(names.next())) {
                return false;
            }
        }
        if (!c.operation().equals("aggregate")) {
            return false;
        }
        ObjectNode rest = ((ObjectNode) args).deepCopy();
        rest.remove("_min");
        rest.remove("_max");
        ObjectNode right = (ObjectNode) answer(peer.post(c.delegate(), "aggregate", rest.toString()));
        for (String aggregate : new String[] {"_min", "_max"}) {
            if (!args.has(aggregate)) {
                continue;
            }
            ObjectNode values = right.putObject(aggregate);
            for (Iterator<Map.Entry<String, JsonNode>> fields =
                            args.get(aggregate).fields();
                    fields.hasNext(); ) {
                String field = fields.next().getKey();
                boolean optional = schema.model(c.model()).scalarField(field).arity() == Arity.OPTIONAL;
                values.set(
                        field,
                        extreme(
                                peer,
                                c.delegate(),
                                args.get("where"),
                                field,
                                optional,
                                aggregate.equals("_min") ? "asc" : "desc"));
            }
        }
        return ParityCheck.same(quarry, right);
    }

    /** The field's first non-null value in that order, under the case's where; null when there is none. */
    private static JsonNode extreme(
            PrismaPeer peer, String delegate, JsonNode where, String field, boolean optional, String direction)
            throws Exception {
        ObjectNode query = JSON.createObjectNode();
        ObjectNode notNull = JSON.createObjectNode();
        if (optional) {
            notNull.putObject(field).putNull("not");
        }
        query.putObject("where")
                .putArray("AND")
                .add(where == null ? JSON.createObjectNode() : where)
                .add(notNull);
        query.putObject("orderBy").put(field, direction);
        query.putObject("select").put(field, true);
        JsonNode first = answer(peer.post(delegate, "findFirst", query.toString()));
        return first.isNull() ? first : first.get(field);
    }

    private static JsonNode answer(HttpResponse<String> response) throws Exception {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "Prisma could not compute the right answer: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
