package dev.quarry.studio;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * {@code quarry.studio.enabled=true} for a test class: tests run in test mode, where the Studio is off by default.
 */
public final class StudioOn implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarry.studio.enabled", "true");
    }

    @Override
    public void stop() {}
}
