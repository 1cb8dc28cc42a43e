package dev.quarry.api.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.testsupport.DocumentedAnswers;
import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Quarry and Prisma Client 7 answer the same generated reads the same way, on the rich schema. */
@QuarkusTest
@ExtendWith(DocumentedAnswers.Checked.class)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "query/rich.prisma"),
            @ResourceArg(name = "sql", value = "query/rich-seed.sql"),
            @ResourceArg(name = "purpose", value = "RichParityTest")
        })
class RichParityTest {

    /**
     * The README's figures: 701 of 735 answer the same, 33 are refused by both, 1 is a listed Prisma bug (Quarry's
     * answer right); none differ.
     */
    @Test
    void generatedReadsMatchPrismaClient() throws Exception {
        ParityCheck.Tally tally = ParityCheck.run("query/rich.prisma", 42, 400);
        assertEquals(
                List.of(),
                tally.different().stream()
                        .map(o -> o.c().delegate() + "." + o.c().operation() + " " + o.c().args())
                        .toList());
        assertEquals(
                List.of(735, 701, 33, 1, 0),
                tally.counts(),
                "cases, same answer, refused by both, a listed Prisma bug, different");
    }
}
