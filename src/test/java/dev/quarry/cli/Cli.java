package dev.quarry.cli;

import dev.quarry.runtime.DatabaseUrl;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Runs Quarry's command line in-process, as {@code java -jar quarry.jar …} would, with the output
 * captured and the database given as {@code -Dquarry.database-url} (which the commands read
 * before DATABASE_URL).
 */
final class Cli {

    /** What one run printed, and its exit code. */
    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    private Cli() {}

    static Run run(Optional<DatabaseUrl> database, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = QuarryCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String previous = System.getProperty("quarry.database-url");
        database.ifPresentOrElse(
                url -> System.setProperty("quarry.database-url", url.toPrismaUrl()),
                () -> System.clearProperty("quarry.database-url"));
        try {
            int exitCode = commandLine.execute(args);
            return new Run(exitCode, out.toString(), err.toString());
        } finally {
            if (previous == null) {
                System.clearProperty("quarry.database-url");
            } else {
                System.setProperty("quarry.database-url", previous);
            }
        }
    }

    static Run run(DatabaseUrl database, String... args) {
        return run(Optional.of(database), args);
    }
}
