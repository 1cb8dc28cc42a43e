package dev.quarry.testsupport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The messages a {@link StatementRecorder} saw, one line each: {@code "3 > E select …"} is a message of type {@code
 * E} that the client of connection 3 sent (with the statement it executes, for Query and Execute), {@code "3 < Z"}
 * the server's ReadyForQuery on that connection. Lines are text so that they cross Quarkus's class loaders and read
 * well in a failure message.
 *
 * <p>A round trip, from the protocol: PostgreSQL answers each Sync (extended protocol) and each Query (simple
 * protocol) with ReadyForQuery, the point where a client that waits for its answers learns it may go on. A client's
 * flight is a run of messages on one connection with no ReadyForQuery between them: sent before any of their
 * answers could be read. The round trips of a request are its flights; a pipelined request is one flight, however
 * many Syncs it holds. The count can only be too high, never too low: a message the proxy records before a
 * ReadyForQuery was sent before the client received it, while a thread the scheduler pauses between two writes can
 * split one flight in two.
 */
public final class Wire {

    private Wire() {}

    static String client(int connection, char type, String statement) {
        return connection + " > " + type + (statement == null ? "" : " " + statement);
    }

    static String readyForQuery(int connection) {
        return connection + " < Z";
    }

    /** The statements {@code lines} executed, in order. */
    public static List<String> statements(List<String> lines) {
        List<String> statements = new ArrayList<>();
        for (String line : lines) {
            String[] parts = line.split(" ", 4);
            if (parts[1].equals(">") && parts.length == 4) {
                statements.add(parts[3]);
            }
        }
        return statements;
    }

    /** How many flights {@code lines} hold, summed over their connections. */
    public static int roundTrips(List<String> lines) {
        Map<String, Boolean> answered = new HashMap<>();
        int flights = 0;
        for (String line : lines) {
            String[] parts = line.split(" ", 3);
            boolean fromServer = parts[1].equals("<");
            if (!fromServer && answered.getOrDefault(parts[0], true)) {
                flights++;
            }
            answered.put(parts[0], fromServer);
        }
        return flights;
    }

    /** How many Syncs and Queries the clients sent: the answers they asked for. */
    public static long syncs(List<String> lines) {
        return lines.stream()
                .map(line -> line.split(" ", 4))
                .filter(parts -> parts[1].equals(">") && (parts[2].equals("S") || parts[2].equals("Q")))
                .count();
    }

    /** The connections {@code lines} used. */
    public static TreeSet<String> connections(List<String> lines) {
        TreeSet<String> connections = new TreeSet<>();
        lines.forEach(line -> connections.add(line.split(" ", 2)[0]));
        return connections;
    }
}
