package dev.quarry.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.schema.model.DefaultValue;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class IdGeneratorsTest {

    private static final int SAMPLES = 20_000;

    @Test
    void eachFunctionGivesItsFormat() {
        assertFormat("cuid", List.of(), "c[0-9a-z]{24}");
        assertFormat("cuid", List.of(new BigDecimal(2)), "[a-z][0-9a-z]{23}");
        assertFormat("uuid", List.of(), "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertFormat(
                "uuid",
                List.of(new BigDecimal(7)),
                "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertFormat("nanoid", List.of(), "[A-Za-z0-9_-]{21}");
        assertFormat("nanoid", List.of(new BigDecimal(8)), "[A-Za-z0-9_-]{8}");
        assertFormat("ulid", List.of(), "[0-9A-HJKMNP-TV-Z]{26}");
    }

    @Test
    void valuesAreUnique() {
        for (Supplier<String> generator : List.<Supplier<String>>of(
                IdGenerators::cuid,
                IdGenerators::cuid2,
                IdGenerators::uuid7,
                IdGenerators::nanoid,
                IdGenerators::ulid)) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < SAMPLES; i++) {
                assertTrue(seen.add(generator.get()), "a repeated value after " + i);
            }
        }
    }

    @Test
    void timeOrderedIdsCarryTheCurrentTime() {
        long before = System.currentTimeMillis();
        UUID uuid7 = UUID.fromString(IdGenerators.uuid7());
        long after = System.currentTimeMillis();
        long millis = uuid7.getMostSignificantBits() >>> 16;
        assertTrue(millis >= before && millis <= after, "uuid7 time " + millis);
        assertEquals(7, uuid7.version());
        assertEquals(2, uuid7.variant());

        String ulid = IdGenerators.ulid();
        long ulidMillis = 0;
        for (char c : ulid.substring(0, 10).toCharArray()) {
            ulidMillis = ulidMillis * 32 + "0123456789ABCDEFGHJKMNPQRSTVWXYZ".indexOf(c);
        }
        assertTrue(ulidMillis >= before && ulidMillis <= System.currentTimeMillis(), "ulid time " + ulidMillis);
        assertTrue(
                IdGenerators.cuid().substring(1, 9).compareTo(Long.toString(before - 1, 36)) >= 0,
                "cuid starts with the time");
    }

    @Test
    void databaseFunctionsAndUnknownVersionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> IdGenerators.generate(function("now", List.of())));
        assertThrows(IllegalArgumentException.class, () -> IdGenerators.generate(function("autoincrement", List.of())));
        var uuid5 = assertThrows(
                IllegalArgumentException.class,
                () -> IdGenerators.generate(function("uuid", List.of(new BigDecimal(5)))));
        assertTrue(uuid5.getMessage().contains("uuid(5)"), uuid5.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IdGenerators.nanoid(1));
    }

    private static void assertFormat(String name, List<Object> arguments, String pattern) {
        String value = IdGenerators.generate(function(name, arguments));
        assertTrue(value.matches(pattern), name + arguments + " gave " + value);
    }

    private static DefaultValue.Function function(String name, List<Object> arguments) {
        return new DefaultValue.Function(name, arguments, Optional.empty());
    }
}
