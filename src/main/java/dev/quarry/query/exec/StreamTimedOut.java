package dev.quarry.query.exec;

import java.time.Duration;

/** A stream ran longer than its timeout ({@code quarry.stream.timeout}). */
public final class StreamTimedOut extends RuntimeException {

    private final Duration timeout;

    public StreamTimedOut(Duration timeout) {
        super("The stream ran longer than its timeout of " + timeout.toMillis() + " ms", null, false, false);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
