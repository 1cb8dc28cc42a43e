package dev.quarry.api.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.query.exec.SessionSettings;
import dev.quarry.security.JwtMode;
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
 * Jwt mode: every read is BEGIN, the session settings, its one statement and COMMIT, pipelined: four answers asked
 * for (four Syncs or Queries) in one round trip once the connection has the statements prepared, as PostgreSQL
 * receives them through a {@link dev.quarry.testsupport.StatementRecorder}. Anonymous requests take a plain role
 * that may read every table ({@code query/rich-reader.sql}), so that the schema needs no policies here. One pooled
 * connection, so that the second send of a read finds its statement prepared.
 */
@QuarkusTest
@ExtendWith(DocumentedAnswers.Checked.class)
@WithTestResource(
        value = RecordedDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "query/rich.prisma"),
            @ResourceArg(name = "sql", value = "query/rich-seed.sql, query/rich-reader.sql"),
            @ResourceArg(name = "pool-size", value = "1"),
            @ResourceArg(name = "ready-delay-ms", value = "50")
        })
@WithTestResource(
        value = JwtMode.class,
        initArgs = @ResourceArg(name = "anonymous-role", value = "quarry_read_recorder"))
class OneStatementReadsJwtApiTest {

    /** The messages PostgreSQL has received, injected by {@link RecordedDatabase}. */
    Supplier<List<String>> wire;

    @Test
    void everyReadIsOneStatementBetweenTheSettingsPipelined() {
        int firstSendsOverOneRoundTrip = 0;
        for (WireReads.Read read : WireReads.all()) {
            List<Integer> roundTrips = WireReads.untilOneRoundTrip(wire, read, sent -> {
                List<String> statements = sent.statements();
                assertEquals(
                        4,
                        statements.size(),
                        () -> read.name() + ": BEGIN, settings, the read, COMMIT; sent " + sent.lines());
                assertEquals(
                        List.of("BEGIN", SessionSettings.SQL),
                        statements.subList(0, 2),
                        () -> read.name() + ": sent " + sent.lines());
                assertTrue(
                        statements.get(2).startsWith("SELECT")
                                || statements.get(2).startsWith("WITH"),
                        () -> read.name() + ": a read, sent " + statements);
                assertEquals("COMMIT", statements.get(3), () -> read.name() + ": sent " + sent.lines());
                assertEquals(
                        1,
                        Wire.connections(sent.lines()).size(),
                        () -> read.name() + ": one connection, sent " + sent.lines());
            });
            WireReads.Sent warm = WireReads.send(wire, read);
            assertEquals(
                    4, Wire.syncs(warm.lines()), () -> read.name() + ": four answers asked for, sent " + warm.lines());
            System.out.println("[wire] jwt " + read.name() + ": round trips per send " + roundTrips);
            firstSendsOverOneRoundTrip += roundTrips.get(0) > 1 ? 1 : 0;
        }
        // a statement not yet prepared on the connection waits for its Parse's answer: the count sees that round
        // trip
        assertTrue(firstSendsOverOneRoundTrip > 0, "no first send took a second round trip to prepare its statement");
    }
}
