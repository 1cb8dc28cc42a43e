package dev.quarry.cli;

import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * A command that fails on a user mistake prints one clear sentence and exits non-zero. Only a
 * failure Quarry did not foresee prints its stack trace, since that is a bug to report.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        if (e instanceof UserError || e instanceof IllegalArgumentException || e instanceof UncheckedIOException) {
            commandLine.getErr().println("error: " + sentence(e));
            return 1;
        }
        commandLine.getErr().println("error: an unexpected failure, please report it with the trace below");
        e.printStackTrace(commandLine.getErr());
        return 70;
    }

    /**
     * The message, without the class name an exception that only wraps another puts before it
     * ("java.io.IOException: …").
     */
    static String sentence(Exception e) {
        Throwable cause = e.getCause();
        if (cause != null
                && cause.getMessage() != null
                && String.valueOf(e.getMessage()).equals(cause.toString())) {
            return cause.getMessage();
        }
        return e.getMessage();
    }
}
