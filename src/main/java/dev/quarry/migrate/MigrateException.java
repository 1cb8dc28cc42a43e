package dev.quarry.migrate;

/** A migration command cannot go on, for a reason the user can act on; the message is one clear sentence. */
public final class MigrateException extends RuntimeException {
    public MigrateException(String message) {
        super(message);
    }

    public MigrateException(String message, Throwable cause) {
        super(message, cause);
    }
}
