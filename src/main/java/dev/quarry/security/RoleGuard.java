package dev.quarry.security;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses, before any statement of the request runs, a role that would take the request out of row-level security
 * (see {@link RoleCatalog#refusal}). The role attributes come from a {@link RoleCatalog} read at start-up and kept,
 * so the check is a map lookup. The catalog is read again, without blocking (the request waits for the one read
 * shared by all requests that need it), when it is older than {@code quarry.auth.role-cache-max-age}, and for a
 * role it does not know: then at most once a second, a request waiting for the next allowed read (so a role that
 * exists when the request comes is always found). A role given SUPERUSER or BYPASSRLS after a read is refused
 * within the max age, not at once.
 */
@ApplicationScoped
public class RoleGuard {

    /**
     * A role the catalog lacks reads it again at most this often, so tokens naming made-up roles cannot make every
     * request read pg_roles.
     */
    private static final long MISS_RELOAD_NANOS = Duration.ofSeconds(1).toNanos();

    private final Pool pool;
    private final Optional<Set<String>> allowed;
    private final long maxAgeNanos;
    private volatile RoleCatalog catalog;
    private Uni<RoleCatalog> loading;

    @Inject
    public RoleGuard(Pool pool, AuthConfig config) {
        this.pool = pool;
        this.allowed = config.roles().map(Set::copyOf).filter(r -> !r.isEmpty());
        this.maxAgeNanos = config.roleCacheMaxAge().toNanos();
    }

    /** Completes when a request may run as {@code role}; fails with a {@link TokenRejected} when it may not. */
    public Uni<Void> check(String role) {
        Optional<TokenRejected> byName = RoleCatalog.refusalByName(role, allowed);
        if (byName.isPresent()) {
            return Uni.createFrom().failure(byName.get());
        }
        RoleCatalog current = catalog;
        long now = System.nanoTime();
        if (current != null
                && current.ageNanos(now) < maxAgeNanos
                && current.roles().containsKey(role)) {
            return verdict(current, role);
        }
        return CallerContext.resumeOn(loadAfter(current, now)).chain(loaded -> verdict(loaded, role));
    }

    /** The catalog as the database has it now (read once for all who ask at the same time). */
    Uni<RoleCatalog> load() {
        synchronized (this) {
            if (loading == null) {
                loading = pool.query(RoleCatalog.SQL)
                        .execute()
                        .map(RoleGuard::catalogOf)
                        .onItemOrFailure()
                        .invoke((loaded, failure) -> finished(loaded))
                        .memoize()
                        .indefinitely();
            }
            return loading;
        }
    }

    /**
     * A new read, at once when the kept catalog is older than a second (or missing), else when it is a second old.
     */
    private Uni<RoleCatalog> loadAfter(RoleCatalog current, long now) {
        long wait = current == null ? 0 : MISS_RELOAD_NANOS - current.ageNanos(now);
        if (wait <= 0) {
            return load();
        }
        return Uni.createFrom()
                .voidItem()
                .onItem()
                .delayIt()
                .by(Duration.ofNanos(wait))
                .chain(ignored -> load());
    }

    private Uni<Void> verdict(RoleCatalog current, String role) {
        Optional<TokenRejected> refusal = current.refusal(role, allowed);
        return refusal.isPresent()
                ? Uni.createFrom().failure(refusal.get())
                : Uni.createFrom().voidItem();
    }

    private synchronized void finished(RoleCatalog loaded) {
        if (loaded != null) {
            catalog = loaded;
        }
        loading = null;
    }

    private static RoleCatalog catalogOf(RowSet<Row> rows) {
        Map<String, RoleCatalog.Attributes> roles = new HashMap<>();
        String login = null;
        for (Row row : rows) {
            roles.put(row.getString(0), new RoleCatalog.Attributes(row.getBoolean(1), row.getBoolean(2)));
            if (row.getBoolean(3)) {
                login = row.getString(0);
            }
        }
        return new RoleCatalog(login, roles, System.nanoTime());
    }
}
