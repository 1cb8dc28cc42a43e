package dev.quarry.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The programs the heavy tests drive (Debian packages, Node.js), found on the PATH or in the sbin folders, and the
 * one rule for when one is missing: under {@code CI=true} the test fails; elsewhere it skips and says why.
 */
public final class Tools {

    private Tools() {}

    public static Optional<Path> find(String program) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/local/sbin";
        return Stream.of(path.split(":"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** True when the build runs in CI ({@code CI=true}, as {@code .ci/run} and hosted CI set it). */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Goes on when {@code available}; otherwise fails the test under CI (a missing tool there is a broken build,
     * not a lesser one) or skips it elsewhere, printing the reason either way.
     */
    public static void require(boolean available, Supplier<String> reason) {
        if (available) {
            return;
        }
        String why = reason.get();
        if (inCi()) {
            System.out.println("[tools] " + why + "; CI=true, so this fails");
            Assertions.fail(why + " (CI=true: a test that needs it fails instead of skipping)");
        }
        System.out.println("[tools] " + why + "; skipping");
        Assumptions.abort(why);
    }

    /** {@link #require} for a program from a Debian package. */
    public static Path requireProgram(String program, String debianPackage) {
        Optional<Path> found = find(program);
        require(
                found.isPresent(),
                () -> program + " is not installed (apt-get install -y " + debianPackage
                        + ", or src/test/ops/install-tools.sh)");
        return found.orElseThrow();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on loopback", e);
        }
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
