package dev.quarry.api.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Quarry and Prisma Client 7 answer the same generated reads the same way, on the blog schema. */
@QuarkusTest
@WithTestResource(value = FreshDatabase.class, initArgs = {
        @ResourceArg(name = "schema", value = "query/blog.prisma"),
        @ResourceArg(name = "sql", value = "query/blog-seed.sql")})
class BlogParityTest {

    @Test
    void generatedReadsMatchPrismaClient() throws Exception {
        List<ParityCheck.Outcome> different = ParityCheck.run("query/blog.prisma", 7, 120);
        assertEquals(List.of(), different.stream().map(o -> o.c().delegate() + "." + o.c().operation() + " " + o.c().args()).toList());
    }
}
