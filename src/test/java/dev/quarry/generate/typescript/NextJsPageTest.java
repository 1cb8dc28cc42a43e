package dev.quarry.generate.typescript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.testsupport.FreshDatabase;
import dev.quarry.testsupport.TestServer;
import dev.quarry.testsupport.Tools;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The seed's page in Next.js (src/test/nextjs, App Router) with the committed generated client: {@code next build}
 * (skipped when its inputs are unchanged), {@code next start}, and headless Debian Chromium through
 * playwright-core: the server component shows the seeded rows, the client component's form creates a post from the
 * browser (CORS to this service), and it appears. The screenshot is kept as target/nextjs-page.png.
 */
@QuarkusTest
@WithTestResource(value = FreshDatabase.class, initArgs = @ResourceArg(name = "purpose", value = "NextJsPageTest"))
@WithTestResource(NextJsPageTest.NextOrigin.class)
class NextJsPageTest {

    static final Path APP = Path.of("src/test/nextjs");
    static final Path SCREENSHOT = Path.of("target/nextjs-page.png").toAbsolutePath();
    static final String PORT = "quarry.test.next-port";

    /** Chooses the Next.js server's port before the service starts, so that its origin is the one CORS allows. */
    public static final class NextOrigin implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            int port = Tools.freePort();
            return Map.of(PORT, String.valueOf(port), "quarkus.http.cors.origins", "http://127.0.0.1:" + port);
        }

        @Override
        public void stop() {}
    }

    @TestHTTPResource("/")
    URI base;

    private Process next;

    @AfterEach
    void stopNext() {
        if (next != null) {
            next.descendants().forEach(ProcessHandle::destroyForcibly);
            next.destroyForcibly();
        }
    }

    @Test
    void thePageShowsTheRowsAndTheBrowsersPostAppears() throws Exception {
        TypedClientProject.requireNode();
        Path chromium = Tools.requireProgram("chromium", "chromium");
        seed();
        TypedClientProject.install(APP);
        long started = System.nanoTime();
        boolean built = buildWhenStale();
        long buildMs = (System.nanoTime() - started) / 1_000_000;

        int port = ConfigProvider.getConfig().getValue(PORT, Integer.class);
        String quarryUrl = base.toString().replaceAll("/$", "").replace("localhost", "127.0.0.1");
        Path log = Path.of("target/nextjs-start.log");
        ProcessBuilder start = new ProcessBuilder("npx", "next", "start", "-p", String.valueOf(port), "-H", "127.0.0.1")
                .directory(APP.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        start.environment().putAll(Map.of("QUARRY_URL", quarryUrl, "NEXT_TELEMETRY_DISABLED", "1"));
        next = start.start();
        awaitPort(port, log);

        long browserStarted = System.nanoTime();
        Files.deleteIfExists(SCREENSHOT);
        assertEquals(
                0,
                TypedClientProject.run(
                        APP,
                        Map.of(
                                "NEXT_URL",
                                "http://127.0.0.1:" + port + "/",
                                "CHROMIUM",
                                chromium.toString(),
                                "SCREENSHOT",
                                SCREENSHOT.toString()),
                        "node",
                        "browser/check.mjs"),
                "the page in Chromium (output above)");
        System.out.printf(
                "[nextjs] next build %s in %d ms; browser check in %d ms%n",
                built ? "ran" : "skipped (inputs unchanged)",
                buildMs,
                (System.nanoTime() - browserStarted) / 1_000_000);
        assertTrue(Files.size(SCREENSHOT) > 0, "screenshot kept");
        try (var connection = TestServer.connect(FreshDatabase.current());
                var rows = connection
                        .createStatement()
                        .executeQuery("SELECT count(*) FROM \"Post\" WHERE \"authorId\" = 'u1' AND title LIKE "
                                + "'From the browser " + "%'")) {
            rows.next();
            assertEquals(1, rows.getInt(1), "the browser's post is in the database");
        }
    }

    private static void seed() {
        TestServer.execute(FreshDatabase.current(), """
                INSERT INTO "User" (id, email, name, active, "createdAt", "updatedAt") VALUES
                  ('u1', 'ada@example.com', 'Ada', true, '2026-03-01 10:00:00', '2026-03-01 10:00:00'),
                  ('u2', 'bob@example.com', NULL, true, '2026-02-01 09:30:00', '2026-02-01 09:30:00'),
                  ('u3', 'cy@example.com', 'Cy', false, '2026-04-01 00:00:00', '2026-04-01 00:00:00'),
                  ('u4', 'di@example.com', 'Di', true, '2025-12-31 23:59:59', '2025-12-31 23:59:59');
                INSERT INTO "Post" (id, title, body, published, "authorId", "createdAt") VALUES
                  ('p1', 'Hello', 'first words', true, 'u1', '2026-03-01 10:05:00'),
                  ('p2', 'Draft', 'not yet', false, 'u1', '2026-03-03 11:00:00'),
                  ('p3', 'Bob''s', 'quoted', false, 'u2', '2026-02-02 00:00:00'),
                  ('p4', 'Hidden', 'by an inactive author', true, 'u3', '2026-04-02 00:00:00');
                """);
    }

    /** {@code next build}, unless .next holds a build of the same inputs (the app, its lock file, the client). */
    private static boolean buildWhenStale() throws Exception {
        Path stamp = APP.resolve(".next/quarry-inputs.sha256");
        String inputs = inputsHash();
        if (Files.isRegularFile(APP.resolve(".next/BUILD_ID"))
                && Files.isRegularFile(stamp)
                && Files.readString(stamp).equals(inputs)) {
            return false;
        }
        assertEquals(
                0,
                TypedClientProject.run(APP, Map.of("NEXT_TELEMETRY_DISABLED", "1"), "npx", "next", "build"),
                "next build");
        Files.writeString(stamp, inputs);
        return true;
    }

    private static String inputsHash() throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        List<Path> roots = List.of(
                APP.resolve("app"),
                APP.resolve("package-lock.json"),
                APP.resolve("next.config.mjs"),
                APP.resolve("tsconfig.json"),
                TypedClientProject.BLOG_CLIENT);
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    digest.update(file.toString().getBytes(StandardCharsets.UTF_8));
                    digest.update(Files.readAllBytes(file));
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private void awaitPort(int port, Path log) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            assertTrue(next.isAlive(), () -> "next start exited: " + read(log));
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("next start did not listen on " + port + " within 60 s: " + read(log));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
