package dev.quarry.cli;

/** A mistake of the user's or of their environment, explained in one sentence. */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }
}
