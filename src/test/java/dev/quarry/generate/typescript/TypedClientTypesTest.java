package dev.quarry.generate.typescript;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The type tests (src/test/typed-client/src/*-types.ts) under {@code tsc --strict}: the positive cases compile with
 * the exact result types asserted, and every {@code // @ts-expect-error} line is an error (tsc fails on one that is
 * not). The blog's committed client and the client of the schema with every type and relation shape.
 */
class TypedClientTypesTest {

    @Test
    void typeTestsCompileUnderStrict() throws Exception {
        assertEquals(0, TypedClientProject.tscExit(), "tsc -p target/typed-client (strict): see the output above");
    }
}
