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

/** Quarry and Prisma Client 7 answer the same generated reads the same way, on the blog schema. */
@QuarkusTest
@ExtendWith(DocumentedAnswers.Checked.class)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "query/blog.prisma"),
            @ResourceArg(name = "sql", value = "query/blog-seed.sql")
        })
class BlogParityTest {

    /**
     * The README's figures: 125 of 127 answer the same, 2 are refused by both (Quarry's answer right); none differ.
     */
    @Test
    void generatedReadsMatchPrismaClient() throws Exception {
        ParityCheck.Tally tally = ParityCheck.run("query/blog.prisma", 7, 120);
        assertEquals(
                List.of(),
                tally.different().stream()
                        .map(o -> o.c().delegate() + "." + o.c().operation() + " " + o.c().args())
                        .toList());
        assertEquals(
                List.of(127, 125, 2, 0, 0),
                tally.counts(),
                "cases, same answer, refused by both, a listed Prisma bug, different");
    }
}
