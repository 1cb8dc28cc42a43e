package dev.quarry.cli;

import dev.quarry.runtime.Environment;
import java.util.Map;
import java.util.Optional;

/**
 * The variables the migrate and db commands read. A {@code quarry.*} system property wins, as it
 * does for the service's own configuration ({@code -Dquarry.database-url=…}); then the process
 * environment and {@code .env}, as Prisma reads them.
 */
final class Variables {

    private static final Map<String, String> PROPERTIES = Map.of(
            "DATABASE_URL", "quarry.database-url",
            "SHADOW_DATABASE_URL", "quarry.shadow-database-url");

    private Variables() {}

    /** {@code name} as a command outside any project reads it (the working folder's {@code .env}). */
    static Optional<String> get(String name) {
        return get(Environment.current(), name);
    }

    static Optional<String> get(Environment environment, String name) {
        return Optional.ofNullable(PROPERTIES.get(name))
                .map(System::getProperty)
                .filter(value -> !value.isBlank())
                .or(() -> environment.get(name));
    }
}
