package dev.quarry.api.parity;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.schema.PrismaSchema;
import dev.quarry.schema.model.Schema;
import dev.quarry.testsupport.Tools;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Posts generated arguments to Quarry's RPC surface and to Prisma Client, and sorts each case into a bucket: the
 * same answer; refused by both with the same kind of error ({@link ErrorKind}); a listed Prisma bug ({@link
 * PrismaBug}), where Quarry's answer is checked against the right one; or different.
 */
final class ParityCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    enum Bucket {
        SAME,
        REFUSED_BY_BOTH,
        PRISMA_BUG,
        DIFFERENT
    }

    record Outcome(
            ArgsGenerator.Case c, Bucket bucket, int quarryStatus, String quarry, int prismaStatus, String prisma) {}

    /** How many cases fell in each bucket, and the different ones. */
    record Tally(int cases, int same, int refusedByBoth, int prismaBug, List<Outcome> different) {

        /** cases, same, refused by both, a listed Prisma bug, different: the figures the README quotes. */
        List<Integer> counts() {
            return List.of(cases, same, refusedByBoth, prismaBug, different.size());
        }
    }

    static Tally run(String schemaResource, long seed, int count) throws Exception {
        Tools.require(
                PrismaPeer.unavailableReason().isEmpty(),
                () -> "Prisma parity: " + PrismaPeer.unavailableReason().orElse(""));
        Path schemaFile = Path.of("src/test/resources", schemaResource);
        Schema schema = PrismaSchema.load(schemaFile).schema().orElseThrow();
        String url = ConfigProvider.getConfig().getValue("quarry.test.database-url", String.class);
        ArgsGenerator generator = new ArgsGenerator(schema, seed);
        List<ArgsGenerator.Case> cases = new ArrayList<>(generator.generate(count));
        cases.addAll(generator.targeted());
        Tally tally;
        try (PrismaPeer peer = PrismaPeer.start(schemaFile, url)) {
            tally = tally(peer, schema, cases);
        }
        System.out.printf(
                "PARITY %s: %d cases, %d same answer, %d refused by both (same kind of error), %d a listed "
                        + "Prisma "
                        + "bug (Quarry's answer right), %d different%n",
                schemaResource,
                tally.cases(),
                tally.same(),
                tally.refusedByBoth(),
                tally.prismaBug(),
                tally.different().size());
        return tally;
    }

    /**
     * The cases posted in turn to both sides (in this order, which matters for writes), each outcome not the same
     * printed.
     */
    static Tally tally(PrismaPeer peer, Schema schema, List<ArgsGenerator.Case> cases) throws Exception {
        return tally(peer, schema, cases, 1);
    }

    /**
     * With {@code threads} > 1 the cases run concurrently: only for reads, whose answers do not depend on each
     * other.
     */
    static Tally tally(PrismaPeer peer, Schema schema, List<ArgsGenerator.Case> cases, int threads) throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Outcome>> pending = new ArrayList<>();
            for (ArgsGenerator.Case c : cases) {
                pending.add(pool.submit(() -> compare(peer, schema, c)));
            }
            for (Future<Outcome> f : pending) {
                outcomes.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        for (Outcome o : outcomes) {
            if (o.bucket() != Bucket.SAME) {
                System.out.printf(
                        "%s %s.%s %s%n  quarry %d %s%n  prisma %d %s%n",
                        o.bucket(),
                        o.c().delegate(),
                        o.c().operation(),
                        o.c().args(),
                        o.quarryStatus(),
                        abbreviate(o.quarry()),
                        o.prismaStatus(),
                        abbreviate(o.prisma()));
            }
        }
        return new Tally(
                cases.size(),
                count(outcomes, Bucket.SAME),
                count(outcomes, Bucket.REFUSED_BY_BOTH),
                count(outcomes, Bucket.PRISMA_BUG),
                outcomes.stream().filter(o -> o.bucket() == Bucket.DIFFERENT).toList());
    }

    /** One case posted to Quarry's RPC surface and to the peer, and its bucket. */
    static Outcome compare(PrismaPeer peer, Schema schema, ArgsGenerator.Case c) throws Exception {
        Response q = given().contentType(ContentType.JSON)
                .body(c.args())
                .when()
                .post("/api/rpc/" + c.delegate() + "/" + c.operation());
        HttpResponse<String> p = peer.post(c.delegate(), c.operation(), c.args());
        return new Outcome(c, bucket(peer, schema, c, q, p), q.statusCode(), q.asString(), p.statusCode(), p.body());
    }

    private static int count(List<Outcome> outcomes, Bucket bucket) {
        return (int) outcomes.stream().filter(o -> o.bucket() == bucket).count();
    }

    private static Bucket bucket(
            PrismaPeer peer, Schema schema, ArgsGenerator.Case c, Response q, HttpResponse<String> p) throws Exception {
        boolean qOk = q.statusCode() == 200;
        boolean pOk = p.statusCode() == 200;
        if (qOk && pOk) {
            return same(JSON.readTree(q.asString()), JSON.readTree(p.body())) ? Bucket.SAME : Bucket.DIFFERENT;
        }
        if (!qOk && !pOk) {
            Optional<String> quarryKind = ErrorKind.of(
                    q.statusCode(), JSON.readTree(q.asString()).path("code").asText());
            Optional<String> prismaKind = ErrorKind.of(
                    p.statusCode(), JSON.readTree(p.body()).path("code").asText());
            return quarryKind.isPresent() && quarryKind.equals(prismaKind) ? Bucket.REFUSED_BY_BOTH : Bucket.DIFFERENT;
        }
        if (qOk && PrismaBug.MIN_MAX_UUID.matches(p.statusCode(), p.body())) {
            return PrismaBug.MIN_MAX_UUID.quarryIsRight(peer, schema, c, JSON.readTree(q.asString()))
                    ? Bucket.PRISMA_BUG
                    : Bucket.DIFFERENT;
        }
        return Bucket.DIFFERENT;
    }

    private static String abbreviate(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "…" : s;
    }

    /** JSON equality with numbers compared by value and object keys in any order. */
    static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText())) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            Iterator<String> names = a.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (!b.has(n) || !same(a.get(n), b.get(n))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
