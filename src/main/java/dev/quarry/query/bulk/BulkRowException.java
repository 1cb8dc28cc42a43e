package dev.quarry.query.bulk;

/**
 * A record of an import the client got wrong, and the line of the body it starts on; nothing of the import is
 * written.
 */
public final class BulkRowException extends RuntimeException {

    private final int line;

    public BulkRowException(int line, RuntimeException cause) {
        super("line " + line + ": " + cause.getMessage(), cause, false, false);
        this.line = line;
    }

    public int line() {
        return line;
    }

    /** The {@code QueryException} or {@code WriteException} the write path threw for the record. */
    public RuntimeException error() {
        return (RuntimeException) getCause();
    }
}
