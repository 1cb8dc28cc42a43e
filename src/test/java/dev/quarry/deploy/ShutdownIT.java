package dev.quarry.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.testsupport.TestServer;
import dev.quarry.testsupport.Tools;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** On SIGTERM the packaged service says it is not ready while it still serves, then closes and exits 0. */
@Tag("ops")
class ShutdownIT {

    private ServiceInstance instance;
    private DatabaseUrl database;

    @Test
    void readinessGoesDownBeforeTheListenerCloses() throws Exception {
        Tools.require(
                Files.isRegularFile(ServiceInstance.JAR),
                () -> "no packaged service at " + ServiceInstance.JAR + " (./mvnw package)");
        database = TestServer.createDatabase("shutdown");
        Path log = Files.createDirectories(Path.of("target/ops-logs")).resolve("shutdown.log");
        instance = new ServiceInstance(Tools.freePort(), database, Map.of("QUARRY_SHUTDOWN_DELAY", "3s"), log).start();
        instance.awaitReady(Duration.ofSeconds(120));

        long terminated = System.nanoTime();
        instance.terminate();
        long firstDown = -1;
        long lastServed = -1;
        boolean servedWhileDown = false;
        String downBody = "";
        while (System.nanoTime() - terminated < Duration.ofSeconds(30).toNanos()) {
            Optional<HttpResponse<String>> ready = instance.get("/q/health/ready");
            if (ready.isEmpty()) {
                break;
            }
            long now = System.nanoTime();
            if (ready.get().statusCode() == 503 && firstDown < 0) {
                firstDown = now;
                downBody = ready.get().body();
            }
            if (firstDown >= 0) {
                Optional<HttpResponse<String>> live = instance.get("/q/health/live");
                if (live.isPresent() && live.get().statusCode() == 200) {
                    servedWhileDown = true;
                    lastServed = System.nanoTime();
                }
            }
            Thread.sleep(50);
        }
        int exit = instance.awaitExit(Duration.ofSeconds(30));

        System.out.printf(
                "[ops] SIGTERM: readiness DOWN after %.2f s, still serving until %.2f s, exit %d%n",
                firstDown < 0 ? -1 : (firstDown - terminated) / 1e9,
                lastServed < 0 ? -1 : (lastServed - terminated) / 1e9,
                exit);
        assertTrue(firstDown > 0, "readiness never answered 503 before the port closed:\n" + instance.logTail());
        assertTrue(downBody.contains("Graceful Shutdown") && downBody.contains("DOWN"), downBody);
        assertTrue(
                servedWhileDown, "the listener closed together with readiness: no time for a load balancer to notice");
        assertTrue((lastServed - firstDown) / 1e9 >= 2.0, "served for less than the 3 s delay after going DOWN");
        // The JVM reports the signal it stopped on (128 + 15) once Quarkus has shut down cleanly.
        assertTrue(exit == 0 || exit == 143, "exit " + exit);
        assertTrue(
                instance.logTail().contains("stopped in"),
                "Quarkus did not report a clean stop:\n" + instance.logTail());
    }

    @AfterEach
    void stop() throws Exception {
        if (instance != null) {
            instance.close();
        }
        if (database != null) {
            TestServer.dropDatabase(database);
        }
    }
}
