package dev.quarry.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A bounded load: a few client threads send the given requests in turn until stopped, at most a fixed
 * number in all. A request fails when it gets no answer or a status other than the one expected.
 */
final class Load {

    /** One kind of request and the status that counts as success. */
    record Request(String name, Function<Long, HttpRequest.Builder> build, int expectedStatus) {

        static Request get(URI uri) {
            return new Request(
                    "GET " + uri.getPath(), n -> HttpRequest.newBuilder(uri).GET(), 200);
        }

        /** A write whose body is unique per request (the counter), so unique constraints hold. */
        static Request postJson(URI uri, Function<Long, String> body, int expectedStatus) {
            return new Request(
                    "POST " + uri.getPath(),
                    n -> HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.apply(n))),
                    expectedStatus);
        }
    }

    /**
     * One request's outcome.
     *
     * @param status the HTTP status, or -1 when no answer came
     */
    record Answer(String kind, long number, int status, long sentNanos, long answeredNanos) {
        boolean succeeded() {
            return status >= 200 && status < 300;
        }

        long millis() {
            return (answeredNanos - sentNanos) / 1_000_000;
        }
    }

    /**
     * @param answers every request's outcome, in no particular order
     * @param unfinishedWorkers client threads still running when {@link #stop()} gave up waiting for them (their
     *     requests are not in the counts)
     * @param acknowledged per request kind, how many got their expected status (for writes: rows the server
     * promised)
     * @param acknowledgedNumbers per request kind, the numbers of the requests that got it (a write's body names
     * its number)
     * @param lastFailureNanos {@link System#nanoTime()} when the last failure was seen, or empty when none was
     */
    record Result(
            long requests,
            long failures,
            Map<String, Long> failuresByCause,
            Map<String, Long> acknowledged,
            Map<String, Set<Long>> acknowledgedNumbers,
            OptionalLong lastFailureNanos,
            double seconds,
            List<Answer> answers,
            int unfinishedWorkers) {
        double perSecond() {
            return requests / seconds;
        }
    }

    private final List<Request> requests;
    private final int threads;
    private final long maxRequests;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<String, Long> causes = new ConcurrentHashMap<>();
    private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, Set<Long>> acknowledgedNumbers = new ConcurrentHashMap<>();
    private final AtomicLong lastFailureNanos = new AtomicLong(Long.MIN_VALUE);
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private long startedNanos;

    Load(List<Request> requests, int threads, long maxRequests) {
        this.requests = List.copyOf(requests);
        this.threads = threads;
        this.maxRequests = maxRequests;
    }

    Load start() {
        startedNanos = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(this::run, "load-" + t);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        return this;
    }

    Result stop() throws InterruptedException {
        stop.set(true);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int unfinished = 0;
        for (Thread worker : workers) {
            worker.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            unfinished += worker.isAlive() ? 1 : 0;
        }
        long lastFailure = lastFailureNanos.get();
        return new Result(
                sent.get(),
                failed.get(),
                Map.copyOf(causes),
                Map.copyOf(acknowledged),
                Map.copyOf(acknowledgedNumbers),
                lastFailure == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(lastFailure),
                (System.nanoTime() - startedNanos) / 1e9,
                List.copyOf(answers),
                unfinished);
    }

    long sent() {
        return sent.get();
    }

    /** Requests answered with their expected status so far. */
    long acknowledged() {
        return acknowledged.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Waits until {@code count} requests have their expected status, at most {@code timeout}. */
    void awaitAcknowledged(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acknowledged() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the load has " + acknowledged() + " of " + count + " answers expected within " + timeout);
            }
            Thread.sleep(20);
        }
    }

    private void run() {
        // HTTP/1.1 as browsers and curl speak it to a load balancer: the JDK's default, an h2c upgrade, would
        // turn each connection into a tunnel to one instance, which is no longer load balancing.
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        while (!stop.get()) {
            long n = sent.incrementAndGet();
            if (n > maxRequests) {
                sent.decrementAndGet();
                return;
            }
            Request request = requests.get((int) (n % requests.size()));
            long sentNanos = System.nanoTime();
            int status = -1;
            try {
                HttpResponse<String> response = client.send(
                        request.build().apply(n).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                if (response.statusCode() != request.expectedStatus()) {
                    fail(request.name() + " -> " + response.statusCode()
                            + (response.statusCode() == 503 && !isRetryableProblem(response)
                                    ? " without Retry-After problem+json"
                                    : ""));
                } else {
                    acknowledged.merge(request.name(), 1L, Long::sum);
                    acknowledgedNumbers
                            .computeIfAbsent(request.name(), k -> ConcurrentHashMap.newKeySet())
                            .add(n);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                fail(request.name() + " -> " + e.getClass().getSimpleName() + ": " + e.getMessage());
            } finally {
                answers.add(new Answer(request.name(), n, status, sentNanos, System.nanoTime()));
            }
        }
    }

    /** A 503 a client can act on: a problem document and the seconds to wait before trying again. */
    private static boolean isRetryableProblem(HttpResponse<String> response) {
        return response.headers()
                        .firstValue("Retry-After")
                        .filter(s -> s.matches("\\d+"))
                        .isPresent()
                && response.headers()
                        .firstValue("Content-Type")
                        .filter(t -> t.startsWith("application/problem+json"))
                        .isPresent()
                && response.body().contains("\"status\":503");
    }

    private void fail(String cause) {
        lastFailureNanos.set(System.nanoTime());
        failed.incrementAndGet();
        causes.merge(cause, 1L, Long::sum);
    }
}
