package dev.quarry.query.bulk;

/**
 * A record of an import the client got wrong, and the line of the body it starts on; nothing of the import is
 * written. The cause is the write path's {@code QueryException} or {@code WriteException} for the record, or the
 * database's unique or foreign-key violation it caused.
 */
public final class BulkRowException extends RuntimeException {

    private final int line;

    public BulkRowException(int line, Exception cause) {
        super("line " + line + ": " + cause.getMessage(), cause, false, false);
        this.line = line;
    }

    public int line() {
        return line;
    }

    public Exception error() {
        return (Exception) getCause();
    }
}
