package dev.quarry.security;

import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.Schema;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * At start-up in {@code jwt} mode: what about the connecting login would let requests escape row-level security
 * (a request that falls back to the login, such as a hand-written endpoint that forgets the request's role, or a
 * table owner's own statements). Runs on the start-up thread, where blocking is allowed.
 */
@ApplicationScoped
public class LoginAudit {

    /**
     * Served tables that the login owns, or whose owner it inherits the rights of (PostgreSQL exempts both from
     * RLS).
     */
    private static final String OWNED_TABLES = "select c.relname from pg_class c"
            + " where c.relnamespace = (select oid from pg_namespace where nspname = current_schema())"
            + " and c.relkind in ('r', 'p') and c.relname = any($1) and pg_has_role(session_user, c.relowner, "
            + "'USAGE')"
            + " order by c.relname";

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Pool pool;
    private final Schema schema;
    private final RoleGuard roles;

    @Inject
    public LoginAudit(Pool pool, Schema schema, RoleGuard roles) {
        this.pool = pool;
        this.schema = schema;
        this.roles = roles;
    }

    /**
     * One line per finding; empty when the login is a plain authenticator. A database it cannot reach is thrown.
     */
    public List<String> findings() {
        RoleCatalog catalog = roles.load().await().atMost(WAIT);
        RoleCatalog.Attributes login = catalog.roles().get(catalog.login());
        List<String> findings = new ArrayList<>();
        if (login.superuser()) {
            findings.add("the database login " + catalog.login()
                    + " is a superuser: row-level security never binds what runs as it; "
                    + "connect as a NOINHERIT login without SUPERUSER (README, Security: the authenticator pattern)");
        }
        if (login.bypassRls() && !login.superuser()) {
            findings.add("the database login " + catalog.login()
                    + " has BYPASSRLS: row-level security never binds what runs as it; " + "ALTER ROLE "
                    + catalog.login() + " NOBYPASSRLS, or connect as another login");
        }
        List<String> owned = ownedTables();
        if (!owned.isEmpty()) {
            findings.add("the database login " + catalog.login() + " owns (or inherits the owner of) the served tables "
                    + String.join(", ", owned)
                    + ": row-level security does not bind the owner unless FORCE ROW LEVEL SECURITY; run migrations "
                    + "as the owner and serve as another login");
        }
        return findings;
    }

    private List<String> ownedTables() {
        String[] tables = schema.models().stream()
                .filter(m -> !m.view() && !m.ignored())
                .map(Model::dbName)
                .toArray(String[]::new);
        var rows = pool.preparedQuery(OWNED_TABLES)
                .execute(Tuple.of((Object) tables))
                .await()
                .atMost(WAIT);
        return StreamSupport.stream(rows.spliterator(), false)
                .map((Row r) -> r.getString(0))
                .toList();
    }
}
