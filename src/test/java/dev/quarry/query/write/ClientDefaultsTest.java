package dev.quarry.query.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.query.write.ids.ClientDefaults;
import dev.quarry.schema.model.DefaultValue;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientDefaultsTest {

    private static String generate(String name, Object... args) {
        return ClientDefaults.generate(new DefaultValue.Function(name, List.of(args), Optional.empty())).orElseThrow();
    }

    @Test
    void formatsAreThoseOfPrismaClient() {
        assertTrue(generate("cuid").matches("c[0-9a-z]{24}"), generate("cuid"));
        assertTrue(generate("cuid", new BigDecimal(2)).matches("[a-z][0-9a-z]{23}"));
        assertTrue(generate("uuid").matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        assertTrue(generate("uuid", new BigDecimal(7)).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        assertTrue(generate("nanoid").matches("[A-Za-z0-9_-]{21}"));
        assertTrue(generate("nanoid", new BigDecimal(8)).matches("[A-Za-z0-9_-]{8}"));
        assertTrue(generate("ulid").matches("[0-9A-HJKMNP-TV-Z]{26}"));
        assertEquals(Optional.empty(), ClientDefaults.generate(new DefaultValue.Function("autoincrement", List.of(), Optional.empty())));
        assertEquals(Optional.empty(), ClientDefaults.generate(new DefaultValue.Function("now", List.of(), Optional.empty())));
    }

    @Test
    void valuesAreUniqueAndTimeOrderedWhereTheFormatSaysSo() {
        Set<String> seen = new HashSet<>();
        String previous = "";
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(ClientDefaults.cuid()));
            assertTrue(seen.add(ClientDefaults.cuid2()));
            String ulid = ClientDefaults.ulid();
            assertTrue(ulid.substring(0, 10).compareTo(previous) >= 0);
            previous = ulid.substring(0, 10);
        }
    }
}
