package dev.quarry.api;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A request body as a blocking {@link InputStream} for a worker thread, read as it arrives: a few buffers at most
 * are queued (the request is paused while the reader is behind, so a fast client waits), and past {@code maxBytes}
 * it fails with {@link TooLarge}. A client that hangs up fails the next read. Created on the request's event loop
 * before anything else is done with it, so no data is missed.
 */
final class RequestBodyStream extends InputStream {

    /** The body passed its limit; nothing more is read. */
    static final class TooLarge extends IOException {
        final long maxBytes;

        TooLarge(long maxBytes) {
            super("the request body is larger than " + maxBytes + " bytes");
            this.maxBytes = maxBytes;
        }
    }

    private static final Object END = new Object();
    private static final int HIGH_WATER = 16;
    private static final int LOW_WATER = 4;

    private final HttpServerRequest request;
    private final Context context;
    private final long maxBytes;
    private final Duration readTimeout;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile boolean paused = true;
    private volatile boolean closed;
    private Buffer current;
    private int position;
    private long received;
    private boolean ended;

    RequestBodyStream(HttpServerRequest request, Context context, long maxBytes, Duration readTimeout) {
        this.request = request;
        this.context = context;
        this.maxBytes = maxBytes;
        this.readTimeout = readTimeout;
        request.pause();
        request.handler(buffer -> {
            if (closed) {
                return;
            }
            queue.add(buffer);
            if (queue.size() >= HIGH_WATER && !paused) {
                paused = true;
                request.pause();
            }
        });
        request.endHandler(ignored -> queue.add(END));
        request.exceptionHandler(e -> queue.add(
                e instanceof IOException io
                        ? io
                        : new IOException("the request body was cut off: " + e.getMessage(), e)));
        request.response()
                .closeHandler(ignored ->
                        queue.add(new IOException("the client closed the connection before the body's end")));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (current == null || position == current.length()) {
            if (ended) {
                return -1;
            }
            Object next = take();
            if (next == END) {
                ended = true;
                return -1;
            }
            if (next instanceof IOException failure) {
                ended = true;
                throw failure;
            }
            current = (Buffer) next;
            position = 0;
            received += current.length();
            if (received > maxBytes) {
                ended = true;
                close();
                throw new TooLarge(maxBytes);
            }
        }
        int n = Math.min(length, current.length() - position);
        current.getBytes(position, position + n, into, offset);
        position += n;
        return n;
    }

    private Object take() throws IOException {
        if (paused && queue.size() <= LOW_WATER && !closed) {
            // pausing and resuming are decided on the event loop only, so the two never race
            context.runOnContext(ignored -> {
                if (paused && !closed) {
                    paused = false;
                    request.resume();
                }
            });
        }
        try {
            Object next = queue.poll(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                throw new InterruptedIOException(
                        "no part of the request body arrived for " + readTimeout.toSeconds() + " s");
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the request body");
        }
    }

    /** Stops reading: what the client still sends is dropped (the answer closes the connection). */
    @Override
    public void close() {
        closed = true;
        queue.clear();
    }

    boolean ended() {
        return ended;
    }
}
