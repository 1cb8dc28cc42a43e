package dev.quarry.security;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Brings a result computed elsewhere (a worker thread, a read shared with other requests) back to the calling
 * request's Vert.x context.
 */
final class CallerContext {

    private CallerContext() {}

    /**
     * {@code uni}, emitting on the Vert.x context current now (its request scope and event loop); as is off any
     * context.
     */
    static <T> Uni<T> resumeOn(Uni<T> uni) {
        Context context = Vertx.currentContext();
        return context == null ? uni : uni.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
