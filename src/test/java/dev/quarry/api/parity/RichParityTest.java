package dev.quarry.api.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Quarry and Prisma Client 7 answer the same generated reads the same way, on the rich schema. */
@QuarkusTest
@WithTestResource(value = FreshDatabase.class, initArgs = {
        @ResourceArg(name = "schema", value = "query/rich.prisma"),
        @ResourceArg(name = "sql", value = "query/rich-seed.sql")})
class RichParityTest {

    @Test
    void generatedReadsMatchPrismaClient() throws Exception {
        List<ParityCheck.Outcome> different = ParityCheck.run("query/rich.prisma", 42, 400);
        assertEquals(List.of(), different.stream().map(o -> o.c().delegate() + "." + o.c().operation() + " " + o.c().args()).toList());
    }
}
