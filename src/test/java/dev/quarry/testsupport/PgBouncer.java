package dev.quarry.testsupport;

import dev.quarry.runtime.DatabaseUrl;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PgBouncer in transaction mode on a free loopback port, in front of the test server: few server
 * connections per database, so client connections really share them.
 */
public final class PgBouncer implements AutoCloseable {

    private final Process process;
    private final Path directory;
    private final int port;

    private PgBouncer(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    public static PgBouncer start(Path executable, DatabaseUrl server, int serverConnections)
            throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("quarry-pgbouncer");
        // PgBouncer refuses to run as root: it drops to the postgres user, which must read these files.
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
        int port = Tools.freePort();
        Files.writeString(
                directory.resolve("userlist.txt"),
                "\"" + server.user() + "\" \"" + server.password().orElse("") + "\"\n");
        Files.writeString(
                directory.resolve("pgbouncer.ini"),
                String.join(
                        "\n",
                        "[databases]",
                        "* = host=" + server.host() + " port=" + server.port(),
                        "[pgbouncer]",
                        "listen_addr = 127.0.0.1",
                        "listen_port = " + port,
                        "unix_socket_dir =",
                        "auth_type = " + (server.password().isPresent() ? "plain" : "trust"),
                        "auth_file = " + directory.resolve("userlist.txt"),
                        "pool_mode = transaction",
                        "default_pool_size = " + serverConnections,
                        "max_client_conn = 200",
                        "ignore_startup_parameters = extra_float_digits,intervalstyle",
                        ""));
        for (String file : List.of("userlist.txt", "pgbouncer.ini")) {
            Files.setPosixFilePermissions(directory.resolve(file), PosixFilePermissions.fromString("rw-r--r--"));
        }
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        if (Tools.isRoot()) {
            command.addAll(List.of("-u", "postgres"));
        }
        command.add(directory.resolve("pgbouncer.ini").toString());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("stdout.log").toFile())
                .start();
        PgBouncer pgBouncer = new PgBouncer(process, directory, port);
        pgBouncer.awaitListening();
        return pgBouncer;
    }

    /** The same database and credentials, through PgBouncer. */
    public DatabaseUrl front(DatabaseUrl database) {
        return new DatabaseUrl(
                "127.0.0.1",
                port,
                database.database(),
                database.user(),
                database.password(),
                database.schema(),
                database.parameters());
    }

    public String log() {
        try {
            return Files.readString(directory.resolve("stdout.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pgbouncer exited with " + process.exitValue() + ":\n" + log());
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("pgbouncer did not listen on " + port + " within 10 s:\n" + log());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
