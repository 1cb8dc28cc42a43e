package dev.quarry.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/golden/}: the actual text must equal the committed one. A missing
 * or changed file fails the test; {@code -Dgolden.update=true} writes the actual text instead, for review in the
 * diff.
 */
public final class Golden {

    private static final Path ROOT = Path.of("src/test/resources/golden");

    private Golden() {}

    public static void assertMatches(String name, String actual) {
        Path file = ROOT.resolve(name);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                fail("no golden file " + file + ": run with -Dgolden.update=true and review it");
            }
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "golden file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
