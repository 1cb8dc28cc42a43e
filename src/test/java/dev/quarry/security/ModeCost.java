package dev.quarry.security;

/** A short timing loop whose figure goes to the test output (timings are reported, never asserted). */
final class ModeCost {

    private static final int WARM_UP = 100;
    private static final int REQUESTS = 400;

    private ModeCost() {}

    static void report(String label, Runnable request) {
        for (int i = 0; i < WARM_UP; i++) {
            request.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < REQUESTS; i++) {
            request.run();
        }
        double micros = (System.nanoTime() - start) / 1_000.0 / REQUESTS;
        System.out.printf(
                "findUnique cost, %s: %.0f µs per request (%d sequential requests)%n", label, micros, REQUESTS);
    }
}
