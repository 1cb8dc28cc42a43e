package dev.quarry.migrate;

import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.testsupport.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database's catalog as {@code pg_dump --schema-only} writes it, independent of Quarry's own describer: every
 * table, column (in order), type, default, constraint, index (expression and partial ones too), enum, sequence and
 * extension, as PostgreSQL prints them. Normalised so that two databases with the same catalog give the same text:
 * comments, blank lines, session SETs and the {@code \restrict} lines (a random key per dump) go.
 */
public final class CatalogDump {

    private static final Pattern MAJOR = Pattern.compile("\\) (\\d+)\\.");

    private final Path pgDump;

    /**
     * Checks that {@code pgDump}'s major version is the server's, so that what it prints is what that server holds.
     */
    public CatalogDump(Path pgDump, DatabaseUrl server) throws IOException, InterruptedException, SQLException {
        this.pgDump = pgDump;
        Matcher version = MAJOR.matcher(run(List.of(pgDump.toString(), "--version"), server));
        if (!version.find()) {
            throw new IllegalStateException("no version from " + pgDump);
        }
        int serverMajor;
        try (Connection connection = TestServer.connect(server);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
            rows.next();
            serverMajor = rows.getInt(1);
        }
        if (Integer.parseInt(version.group(1)) != serverMajor) {
            throw new IllegalStateException(
                    pgDump + " is pg_dump " + version.group(1) + ", the server is PostgreSQL " + serverMajor);
        }
    }

    public String of(DatabaseUrl database) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                pgDump.toString(),
                "--schema-only",
                "--no-owner",
                "--no-privileges",
                "--no-comments",
                "-h",
                database.host(),
                "-p",
                Integer.toString(database.port()),
                "-U",
                database.user(),
                database.database()));
        StringBuilder normalised = new StringBuilder();
        for (String line : run(command, database).split("\n")) {
            if (line.isBlank()
                    || line.startsWith("--")
                    || line.startsWith("SET ")
                    || line.startsWith("SELECT pg_catalog.set_config(")
                    || line.startsWith("\\restrict")
                    || line.startsWith("\\unrestrict")) {
                continue;
            }
            normalised.append(line).append('\n');
        }
        return normalised.toString();
    }

    private static String run(List<String> command, DatabaseUrl database) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGCONNECT_TIMEOUT", "10");
        database.password().ifPresent(password -> builder.environment().put("PGPASSWORD", password));
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
