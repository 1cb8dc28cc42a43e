package dev.quarry.bench;

import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * One statement Quarry compiled for a scenario, with the parameters a request replaces: its own values (by name),
 * ids Quarry generated (a fresh one per request and per generated id), and the time of the write.
 */
record Template(String text, List<Object> params, Map<Integer, Slot> slots) {

    sealed interface Slot permits RequestValue, FreshId, Now {}

    /** A value the request carries, named as the baseline's handler names it. */
    record RequestValue(String name) implements Slot {}

    /** The k-th id Quarry generated in the captured write (the same k is the same value everywhere it appears). */
    record FreshId(int k) implements Slot {}

    /** A timestamp Quarry generated ({@code @updatedAt}), in the captured text form. */
    record Now(boolean offset) implements Slot {}

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

    Tuple bind(Map<String, String> request, String[] freshIds) {
        Tuple tuple = Tuple.tuple();
        for (int i = 0; i < params.size(); i++) {
            Slot slot = slots.get(i);
            if (slot == null) {
                tuple.addValue(params.get(i));
            } else if (slot instanceof RequestValue r) {
                tuple.addValue(request.get(r.name()));
            } else if (slot instanceof FreshId f) {
                tuple.addValue(freshIds[f.k()]);
            } else {
                tuple.addValue(now(((Now) slot).offset()));
            }
        }
        return tuple;
    }

    int freshIds() {
        return (int) slots.values().stream()
                .filter(s -> s instanceof FreshId)
                .map(s -> ((FreshId) s).k())
                .distinct()
                .count();
    }

    static boolean isTimestamp(String value) {
        try {
            OffsetDateTime.parse(value);
            return true;
        } catch (RuntimeException notOffset) {
            try {
                LocalDateTime.parse(value);
                return true;
            } catch (RuntimeException notLocal) {
                return false;
            }
        }
    }

    static boolean hasOffset(String value) {
        try {
            OffsetDateTime.parse(value);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String now(boolean offset) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        return offset ? now.toString() : now.toLocalDateTime().format(LOCAL);
    }
}
