package dev.quarry.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.error.ErrorCode;
import dev.quarry.query.ArgPath;
import dev.quarry.query.QueryErrors;
import dev.quarry.query.bulk.BulkFormat;
import dev.quarry.query.bulk.BulkRowException;
import dev.quarry.query.bulk.BulkRows;
import dev.quarry.query.bulk.BulkWriter;
import dev.quarry.query.exec.DatabaseErrors;
import dev.quarry.query.exec.JdbcErrors;
import dev.quarry.query.exec.SessionRefused;
import dev.quarry.query.exec.SessionSettings;
import dev.quarry.query.plan.Limits;
import dev.quarry.query.write.WritePlanner;
import dev.quarry.runtime.PendingMigrationsCheck;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.Schema;
import dev.quarry.security.Authenticator;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.util.PSQLException;

/**
 * {@code POST /api/{model}/bulk} with an NDJSON or CSV body: an import of records in one transaction, all or none,
 * answered 201 {@code {"count": n}} as createMany's JSON body on the same path is (which this route leaves to
 * JAX-RS). Served as a Vert.x route ahead of Quarkus's body limit ({@code quarkus.http.limits.max-body-size}, which
 * a stream of a million rows passes) with its own, {@code quarry.bulk.max-body-size}. The body is read as it
 * arrives by a worker thread ({@link RequestBodyStream}) and written through {@link BulkWriter} on a JDBC
 * connection of the Agroal pool, under the request's role and claims as every write is. Errors are the same problem
 * documents as the JAX-RS routes' ({@link Failure}); a record's error adds {@code meta.line}.
 */
@ApplicationScoped
public class BulkImportRoute {

    /**
     * Just after {@link dev.quarry.security.RequestLimits} (which leaves the bulk route to this one), before
     * Quarkus's body limit.
     */
    private static final int ORDER = -298;

    private static final Logger LOG = Logger.getLogger(BulkImportRoute.class);

    private final ModelRoutes routes;
    private final Authenticator authenticator;
    private final PendingMigrationsCheck migrations;
    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final BulkWriter writer;
    private final DatabaseErrors databaseErrors;
    private final long maxBytes;
    private final Duration timeout;
    private final Duration readTimeout;

    @Inject
    public BulkImportRoute(
            Schema schema,
            Limits limits,
            ModelRoutes routes,
            Authenticator authenticator,
            PendingMigrationsCheck migrations,
            AgroalDataSource dataSource,
            ObjectMapper json,
            @ConfigProperty(name = "quarry.bulk.max-body-size", defaultValue = "1G") MemorySize maxBodySize,
            @ConfigProperty(name = "quarry.bulk.timeout", defaultValue = "10m") Duration timeout,
            @ConfigProperty(name = "quarry.bulk.read-timeout", defaultValue = "60s") Duration readTimeout) {
        this.routes = routes;
        this.authenticator = authenticator;
        this.migrations = migrations;
        this.dataSource = dataSource;
        this.json = json;
        this.writer = new BulkWriter(schema, new WritePlanner(schema, limits));
        this.databaseErrors = new DatabaseErrors(schema);
        this.maxBytes = maxBodySize.asLongValue();
        this.timeout = timeout;
        this.readTimeout = readTimeout;
    }

    void install(@Observes Router router) {
        router.post("/api/:route/bulk").order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        Optional<BulkFormat> format = BulkFormat.ofMediaType(request.getHeader(HttpHeaders.CONTENT_TYPE));
        if (format.isEmpty()) {
            // JSON is createMany's body on the same path (ResourceWritesResource), served as any other write
            routing.next();
            return;
        }
        Context context = Vertx.currentContext();
        RequestBodyStream body = new RequestBodyStream(request, context, maxBytes, readTimeout);
        try {
            Optional<Response> behind = SchemaBehindFilter.refusal(migrations);
            if (behind.isPresent()) {
                respond(routing, body, behind.get());
                return;
            }
            String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && parse(length) > maxBytes) {
                respond(routing, body, ProblemMapper.respond(tooLarge()));
                return;
            }
            boolean skipDuplicates = skipDuplicates(request.params().getAll("skipDuplicates"));
            Model model = routes.byRoute(routing.pathParam("route"));
            WriteService.requireWritable(model);
            session(request.getHeader(HttpHeaders.AUTHORIZATION))
                    .subscribe()
                    .with(
                            settings -> Infrastructure.getDefaultWorkerPool().execute(() -> {
                                Response answer = importAll(model, format.get(), body, skipDuplicates, settings);
                                context.runOnContext(ignored -> respond(routing, body, answer));
                            }),
                            failure -> respond(routing, body, problemFor(failure)));
        } catch (RuntimeException e) {
            respond(routing, body, problemFor(e));
        }
    }

    private Uni<Optional<SessionSettings>> session(String authorization) {
        if (authenticator.open()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return authenticator.authenticate(authorization).map(Optional::of);
    }

    /** On a worker thread: the whole import in one transaction; any failure rolls all of it back. */
    private Response importAll(
            Model model,
            BulkFormat format,
            RequestBodyStream body,
            boolean skipDuplicates,
            Optional<SessionSettings> session) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                apply(connection, session);
                long count = writer.write(connection, model, BulkRows.of(format, model, body), skipDuplicates);
                connection.commit();
                return Response.status(201)
                        .type("application/json")
                        .entity("{\"count\":" + count + "}")
                        .header("Cache-Control", "no-store")
                        .build();
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        } catch (Exception e) {
            return problemFor(e);
        }
    }

    /**
     * The request's role, claims (as {@link SessionSettings}) and the import's own statement timeout, for this
     * transaction only.
     */
    private void apply(Connection connection, Optional<SessionSettings> session) throws SQLException {
        if (session.isPresent()) {
            SessionSettings settings = session.get();
            try (PreparedStatement s = connection.prepareStatement(SessionSettings.SQL.replaceAll("\\$\\d", "?"))) {
                List<Object> params = settings.statement().params();
                for (int i = 0; i < params.size(); i++) {
                    s.setObject(i + 1, params.get(i));
                }
                s.execute();
            } catch (PSQLException e) {
                throw new SessionRefused(settings.role(), JdbcErrors.pgException(e));
            }
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT set_config('statement_timeout', ?, true)")) {
            s.setString(1, timeout.toMillis() + "ms");
            s.execute();
        }
    }

    private static boolean skipDuplicates(List<String> values) {
        if (values.isEmpty() || values.equals(List.of("false"))) {
            return false;
        }
        if (values.equals(List.of("true"))) {
            return true;
        }
        throw QueryErrors.wrongType(ArgPath.ofText("skipDuplicates"), "true or false");
    }

    // --- answers ---------------------------------------------------------------------------------

    private Response problemFor(Throwable failure) {
        return ProblemMapper.respond(failureOf(failure));
    }

    private Failure failureOf(Throwable e) {
        if (e instanceof BulkRowException row) {
            return new Failure.AtLine(failureOf(row.error()), row.line());
        }
        if (e instanceof RequestBodyStream.TooLarge) {
            return tooLarge();
        }
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            PgException pg = JdbcErrors.pgException(psql);
            return databaseErrors.map(pg).<Failure>map(Failure.Refused::of).orElseGet(() -> Failure.of(pg));
        }
        if (e instanceof SQLException sql
                && (sql.getSQLState() == null || sql.getSQLState().startsWith("08"))) {
            LOG.warnf("bulk import: no database connection (%s)", sql.getMessage());
            return Failure.Refused.of(DatabaseErrors.unavailable());
        }
        if (e instanceof IOException io) {
            // the client hung up or stalled: nobody may read this answer, but it says what happened
            return new Failure.Refused(
                    ErrorCode.BAD_REQUEST, "The request body could not be read: " + io.getMessage(), Map.of());
        }
        return Failure.of(e);
    }

    private Failure tooLarge() {
        return new Failure.Refused(
                ErrorCode.BULK_BODY_TOO_LARGE,
                "The bulk import's body is larger than the maximum of " + maxBytes
                        + " bytes (quarry.bulk.max-body-size); nothing was written",
                Map.of("maxBytes", maxBytes));
    }

    /** Sends {@code answer}; a connection whose body was not read to its end is closed after it. */
    private void respond(RoutingContext routing, RequestBodyStream body, Response answer) {
        HttpServerResponse response = routing.response();
        if (response.ended() || response.closed()) {
            return;
        }
        String text;
        try {
            Object entity = answer.getEntity();
            text = entity instanceof String s ? s : json.writeValueAsString(entity);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        response.setStatusCode(answer.getStatus());
        answer.getStringHeaders()
                .forEach(
                        (name, values) -> values.forEach(v -> response.headers().add(name, v)));
        if (answer.getMediaType() != null) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, answer.getMediaType().toString());
        }
        if (!body.ended()) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        body.close();
        response.end(text);
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
