package dev.quarry.api.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.testsupport.DocumentedAnswers;
import dev.quarry.testsupport.RecordedDatabase;
import dev.quarry.testsupport.Wire;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Open mode: every read is one SQL statement, alone (no BEGIN, no COMMIT), as PostgreSQL receives it through a
 * {@link dev.quarry.testsupport.StatementRecorder}; once the connection has it prepared, one round trip. One pooled
 * connection, so that the second send of a read finds its statement prepared.
 */
@QuarkusTest
@ExtendWith(DocumentedAnswers.Checked.class)
@WithTestResource(
        value = RecordedDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "query/rich.prisma"),
            @ResourceArg(name = "sql", value = "query/rich-seed.sql"),
            @ResourceArg(name = "pool-size", value = "1"),
            @ResourceArg(name = "ready-delay-ms", value = "50")
        })
class OneStatementReadsApiTest {

    /** The messages PostgreSQL has received, injected by {@link RecordedDatabase}. */
    Supplier<List<String>> wire;

    @Test
    void everyReadIsOneStatementAloneInOneRoundTrip() {
        int firstSendsOverOneRoundTrip = 0;
        for (WireReads.Read read : WireReads.all()) {
            List<Integer> roundTrips = WireReads.untilOneRoundTrip(wire, read, sent -> {
                List<String> statements = sent.statements();
                assertEquals(1, statements.size(), () -> read.name() + ": one statement, sent " + sent.lines());
                assertTrue(
                        statements.get(0).startsWith("SELECT")
                                || statements.get(0).startsWith("WITH"),
                        () -> read.name() + ": a read, sent " + statements);
            });
            WireReads.Sent warm = WireReads.send(wire, read);
            assertEquals(
                    1, Wire.syncs(warm.lines()), () -> read.name() + ": one answer asked for, sent " + warm.lines());
            System.out.println("[wire] open " + read.name() + ": round trips per send " + roundTrips);
            firstSendsOverOneRoundTrip += roundTrips.get(0) > 1 ? 1 : 0;
        }
        // a statement not yet prepared on the connection waits for its Parse's answer: the count sees that round
        // trip
        assertTrue(firstSendsOverOneRoundTrip > 0, "no first send took a second round trip to prepare its statement");
    }
}
