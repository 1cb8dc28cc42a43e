package dev.quarry.security;

import dev.quarry.query.exec.SessionRefused;
import dev.quarry.query.exec.SessionSettings;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * How a hand-written endpoint gets its Hibernate Reactive session: in a transaction that first takes the request's
 * role, claims and statement timeout ({@link SessionSettings}, as every API request does), so GRANTs and row-level
 * security bind its queries as they bind the API's. In {@code open} mode it is a plain transaction as the
 * connecting login.
 */
@ApplicationScoped
public class RequestSessions {

    /**
     * {@link SessionSettings#SQL} with Hibernate's positional parameters ({@code ?1}) for PostgreSQL's ({@code
     * $1}).
     */
    private static final String SETTINGS_SQL = SessionSettings.SQL.replaceAll("\\$(\\d)", "?$1");

    private final Mutiny.SessionFactory factory;
    private final Sessions sessions;

    @Inject
    public RequestSessions(Mutiny.SessionFactory factory, Sessions sessions) {
        this.factory = factory;
        this.sessions = sessions;
    }

    /**
     * Runs {@code work} in a new transaction under the current request's role; call it while serving the request.
     */
    public <T> Uni<T> withTransaction(Function<Mutiny.Session, Uni<T>> work) {
        Optional<SessionSettings> settings = sessions.current();
        return factory.withTransaction(session -> apply(session, settings).chain(() -> work.apply(session)));
    }

    public Mutiny.SessionFactory factory() {
        return factory;
    }

    private static Uni<Void> apply(Mutiny.Session session, Optional<SessionSettings> settings) {
        if (settings.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String role = settings.get().role();
        Mutiny.SelectionQuery<Object> query = session.createNativeQuery(SETTINGS_SQL);
        List<Object> params = settings.get().statement().params();
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return query.getSingleResult()
                .onFailure()
                .transform(e -> refused(role, e))
                .replaceWithVoid();
    }

    /**
     * The database refused the role (as {@link SessionSettings#applyTo} reports it), whatever Hibernate wrapped it
     * in.
     */
    private static Throwable refused(String role, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PgException pg) {
                return new SessionRefused(role, pg);
            }
        }
        return failure;
    }
}
