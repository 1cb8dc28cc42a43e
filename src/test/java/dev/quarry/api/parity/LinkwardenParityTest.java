package dev.quarry.api.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.testsupport.DocumentedAnswers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Quarry and Prisma Client 7 on the schema of linkwarden (a self relation, implicit many-to-many, Int lists,
 * @db.Uuid, enums, Json): the same answers to generated reads and writes, and the same final state.
 */
@QuarkusTest
@ExtendWith(DocumentedAnswers.Checked.class)
@WithTestResource(
        value = RealAppDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "parity/real/linkwarden.prisma"),
            @ResourceArg(name = "seed", value = "24")
        })
class LinkwardenParityTest {

    /**
     * The README's figures, reads and writes together: 621 cases: 593 the same, 27 refused by both, 1 a listed
     * Prisma bug (_min/_max over @db.Uuid); none differ, final states equal.
     */
    @Test
    void readsAndWritesMatchPrismaClient() throws Exception {
        RealAppParity.Result result = RealAppParity.run("parity/real/linkwarden.prisma", 24, 500, 100);
        assertEquals(List.of(), result.different());
        assertEquals(
                List.of(621, 593, 27, 1, 0),
                result.counts(),
                "cases, same answer, refused by both, a listed Prisma bug, different");
    }
}
