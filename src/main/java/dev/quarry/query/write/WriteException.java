package dev.quarry.query.write;

/** Carries a {@link WriteError} out of a transaction, which it rolls back. */
public final class WriteException extends RuntimeException {

    private final WriteError error;

    public WriteException(WriteError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public WriteError error() {
        return error;
    }
}
