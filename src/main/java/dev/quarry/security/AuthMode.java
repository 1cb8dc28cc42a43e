package dev.quarry.security;

/** {@code quarry.auth.mode}: whether requests must authenticate. */
public enum AuthMode {
    /** Bearer tokens are verified; each request runs as its token's database role (or the anonymous role). */
    JWT,
    /**
     * No authentication: every request runs as the connecting user. For trusted networks, development and
     * benchmarks.
     */
    OPEN
}
