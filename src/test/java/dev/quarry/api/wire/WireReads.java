package dev.quarry.api.wire;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.testsupport.Wire;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Reads of every kind on the rich schema (query/rich.prisma and its seed), and what each put on the wire. */
final class WireReads {

    private WireReads() {}

    record Read(String name, Supplier<Response> request, int status) {}

    /** What one read sent: its {@link Wire} lines. */
    record Sent(List<String> lines) {
        List<String> statements() {
            return Wire.statements(lines);
        }

        int roundTrips() {
            return Wire.roundTrips(lines);
        }
    }

    static List<Read> all() {
        return List.of(
                new Read("a record by id", () -> given().get("/api/accounts/1"), 200),
                new Read("a missing record", () -> given().get("/api/accounts/999"), 404),
                new Read(
                        "a list with nested includes, a relation filter, relation ordering and the total " + "count",
                        () -> given().queryParam(
                                        "include",
                                        "articles(categories,comments(replies)),profile,memberships(team),"
                                                + "mentees(mentees)," + "_count")
                                .queryParam(
                                        "filter",
                                        "{\"OR\":[{\"articles\":{\"some\":{\"categories\":{\"some\":{\"name"
                                                + "\":\"Tech\"}}}}}" + ",{\"mentor\":{\"is\":{\"id\":1}}}]}")
                                .queryParam("orderBy", "[{\"mentor\":{\"email\":\"asc\"}},{\"id\":\"asc\"}]")
                                .queryParam("count", "true")
                                .get("/api/accounts"),
                        200),
                new Read(
                        "findUnique with arguments inside relations and relation counts",
                        () -> rpc(
                                "account",
                                "findUnique",
                                "{\"where\":{\"id\":1},\"include\":{\"profile\":true,"
                                        + "\"articles\":{\"where\":{\"status\":{\"not\":\"ARCHIVED\"}},"
                                        + "\"orderBy\":{\"id\":\"desc\"},\"take\":2,\"select\":{\"id\":true,"
                                        + "\"comments\":{\"include\":{\"replies\":true}}}},"
                                        + "\"_count\":{\"select\":{\"articles\":{\"where\":{\"status\":\"DRAFT\"}},"
                                        + "\"mentees\":true}}}}"),
                        200),
                new Read(
                        "a keyset cursor with distinct",
                        () -> given().queryParam("cursor", "3")
                                .queryParam("take", "2")
                                .queryParam("distinct", "handle")
                                .queryParam("select", "id")
                                .get("/api/accounts"),
                        200),
                new Read(
                        "count",
                        () -> given().queryParam("filter[active]", "true").get("/api/accounts/_count"),
                        200),
                new Read(
                        "aggregate",
                        () -> rpc(
                                "account",
                                "aggregate",
                                "{\"_count\":{\"_all\":true},\"_avg\":{\"balance\":true},"
                                        + "\"_max\":{\"ratio\":true}}"),
                        200),
                new Read(
                        "groupBy with having",
                        () -> rpc(
                                "account",
                                "groupBy",
                                "{\"by\":[\"role\"],\"_count\":true,"
                                        + "\"having\":{\"views\":{\"_avg\":{\"gt\":0}}}}"),
                        200));
    }

    private static Response rpc(String delegate, String operation, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/rpc/" + delegate + "/" + operation);
    }

    /** Sends {@code read}, checks its status, and returns what it put on the wire. */
    static Sent send(Supplier<List<String>> wire, Read read) {
        int before = wire.get().size();
        read.request().get().then().statusCode(read.status());
        List<String> all = wire.get();
        return new Sent(all.subList(before, all.size()));
    }

    /**
     * Sends {@code read} until it is one round trip (at most 5 times: the count can be too high when the scheduler
     * pauses the client between two writes, never too low, see {@link Wire}); each time checking {@code each}.
     * Returns the round trips of each send.
     */
    static List<Integer> untilOneRoundTrip(Supplier<List<String>> wire, Read read, Consumer<Sent> each) {
        List<Integer> roundTrips = new ArrayList<>();
        Sent sent;
        do {
            sent = send(wire, read);
            each.accept(sent);
            roundTrips.add(sent.roundTrips());
        } while (roundTrips.size() < 5 && !roundTrips.contains(1));
        List<String> last = sent.lines();
        assertEquals(
                1,
                roundTrips.get(roundTrips.size() - 1),
                () -> read.name() + ": never one round trip in " + roundTrips + ", the last sent " + last);
        return roundTrips;
    }
}
