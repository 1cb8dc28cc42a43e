package dev.quarry.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentTest {

    @Test
    void readsDotEnvAsPrismaDoes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(".env");
        Files.writeString(file, """
                # a comment
                DATABASE_URL="postgresql://a:b@localhost:5432/db?schema=public"
                export PLAIN=value # trailing comment
                SINGLE='quoted # not a comment'
                EMPTY=
                """);
        Map<String, String> values = Environment.readDotEnv(file);
        assertEquals("postgresql://a:b@localhost:5432/db?schema=public", values.get("DATABASE_URL"));
        assertEquals("value", values.get("PLAIN"));
        assertEquals("quoted # not a comment", values.get("SINGLE"));
        Environment environment = new Environment(Map.of("PLAIN", "from process"), values);
        assertEquals(Optional.of("from process"), environment.get("PLAIN"));
        assertEquals(Optional.empty(), environment.get("EMPTY"));
        assertEquals(Optional.empty(), environment.get("MISSING"));
    }
}
