package dev.quarry.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** The programs the heavy tests drive (Debian packages), found on the PATH or in the sbin folders. */
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

    /** A reason to skip, printed so a CI log says what is missing and how to get it. */
    public static String missing(String program, String debianPackage) {
        return skipping(program + " is not installed (apt-get install -y " + debianPackage + ")");
    }

    public static String skipping(String reason) {
        System.out.println("[ops] " + reason + "; skipping");
        return reason;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on loopback", e);
        }
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
