package dev.quarry.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a fuzz test got back: how many requests, a histogram of statuses, and the refusals that came from PostgreSQL
 * rather than from the planner. ProblemMapper names a value PostgreSQL refused with {@code meta.sqlState}; a
 * request the planner accepted must never make PostgreSQL raise a data (22) or syntax/access (42) error, so each
 * such answer is a planner bug.
 */
public final class FuzzTally {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final List<String> fromDatabase = new ArrayList<>();
    private int sent;

    public void record(String request, int status, String body) {
        sent++;
        statuses.merge(status, 1, Integer::sum);
        if (status >= 400 && body.startsWith("{")) {
            try {
                String state = JSON.readTree(body).path("meta").path("sqlState").asText("");
                if (state.startsWith("22") || state.startsWith("42")) {
                    fromDatabase.add(request + " -> " + status + " " + body);
                }
            } catch (Exception notJson) {
                // not a problem document; the fuzz test's own checks cover it
            }
        }
    }

    public int sent() {
        return sent;
    }

    public Map<Integer, Integer> statuses() {
        return statuses;
    }

    /** Answers to requests the planner accepted and PostgreSQL then refused with SQLSTATE class 22 or 42. */
    public List<String> fromDatabase() {
        return fromDatabase;
    }

    public int count(int status) {
        return statuses.getOrDefault(status, 0);
    }

    @Override
    public String toString() {
        return sent + " sent, statuses " + statuses + ", " + fromDatabase.size()
                + " refused by PostgreSQL (SQLSTATE 22/42)";
    }
}
