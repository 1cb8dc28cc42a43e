package dev.quarry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.error.ErrorCode;
import dev.quarry.query.ArgPath;
import dev.quarry.query.QueryErrors;
import dev.quarry.query.args.Operation;
import dev.quarry.query.args.ReadArgs;
import dev.quarry.query.exec.DatabaseErrors;
import dev.quarry.query.exec.SessionSettings;
import dev.quarry.query.exec.Tx;
import dev.quarry.query.exec.TxLimits;
import dev.quarry.query.exec.TxOptions;
import dev.quarry.query.exec.WriteExecutor;
import dev.quarry.query.exec.WriteResult;
import dev.quarry.query.exec.WriteRunner;
import dev.quarry.query.plan.Limits;
import dev.quarry.query.write.WriteArgs;
import dev.quarry.query.write.WriteOperation;
import dev.quarry.query.write.WritePlan;
import dev.quarry.query.write.WritePlanner;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.ReadableFields;
import dev.quarry.schema.model.Schema;
import dev.quarry.security.Sessions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes for both surfaces, and {@code $transaction}: plan (every client mistake found before anything runs), then
 * run in one transaction, as one non-blocking chain (the routes may run on the event loop); a write of one record
 * that fits in one statement with its read-back runs as that statement alone.
 */
@ApplicationScoped
public class WriteService {

    /**
     * The planner and executor of writes per view of the schema's fields (one per role a field rule names, one for
     * the others).
     */
    private final Map<ReadableFields, WriteExecutor> executors = new HashMap<>();
    /** The same for requests that may restore soft-deleted rows ({@link SoftDeleteAccess}). */
    private final Map<ReadableFields, WriteExecutor> restoringExecutors = new HashMap<>();

    private final SoftDeleteAccess softDelete;
    private final ReadableFields.Views views;
    private final WriteRunner runner;
    private final ModelRoutes routes;
    private final Sessions sessions;
    private final TxLimits txLimits;

    @Inject
    public WriteService(
            Schema schema,
            Pool pool,
            ModelRoutes routes,
            Sessions sessions,
            Limits limits,
            TxLimits txLimits,
            SoftDeleteAccess softDelete) {
        this.sessions = sessions;
        this.softDelete = softDelete;
        this.views = ReadableFields.of(schema);
        views.distinct()
                .forEach(view ->
                        executors.put(view, new WriteExecutor(schema, new WritePlanner(schema, limits, view), limits)));
        if (schema.models().stream().anyMatch(m -> m.deletedAt().isPresent())) {
            views.distinct()
                    .forEach(view -> restoringExecutors.put(
                            view, new WriteExecutor(schema, new WritePlanner(schema, limits, view), limits, true)));
        }
        this.runner = new WriteRunner(pool, new DatabaseErrors(schema), txLimits);
        this.txLimits = txLimits;
        this.routes = routes;
    }

    /** Planning errors are thrown here, before anything runs; database errors arrive as the Uni's failure. */
    public Uni<WriteResult> write(Model model, WriteArgs args) {
        requireWritable(model);
        Optional<SessionSettings> session = sessions.current();
        WriteExecutor executor = executor(session);
        WritePlan plan = executor.planner().plan(model, args);
        Optional<WriteExecutor.OneStatement> alone = executor.oneStatement(plan);
        if (alone.isPresent()) {
            return runner.alone(alone.get().statement(), session).map(rows -> executor.result(alone.get(), rows));
        }
        return runner.inTransaction(
                tx -> SessionSettings.applyTo(session, tx).chain(() -> executor.execute(tx, plan)),
                WriteExecutor.retriesUniqueViolations(plan),
                TxOptions.DEFAULT);
    }

    /** Views are served read-only: a write is a 405. */
    static void requireWritable(Model model) {
        if (model.view()) {
            throw new ApiException(
                    ErrorCode.METHOD_NOT_ALLOWED,
                    model.name() + " is a view; views are read-only",
                    Map.of("modelName", model.name()));
        }
    }

    /** One operation of a {@code $transaction}, planned. */
    private record Step(Model model, WritePlan write, ReadArgs read, String operation) {}

    /**
     * {@code $transaction}: {@code [{"delegate", "operation", "args"}, …]} or {@code {"operations": [...],
     * "isolationLevel", "maxWait", "timeout"}}, run in one transaction; the answer is the array of their results.
     * Every operation is planned before any runs. The operations run one after the other as a flat stream, so the
     * chain's depth does not grow with their number.
     */
    public Uni<String> transaction(JsonNode body) {
        ArgPath at = ArgPath.of("body");
        JsonNode operations = body;
        TxOptions options = TxOptions.DEFAULT;
        if (body.isObject()) {
            checkKeys(body, List.of("operations", "isolationLevel", "maxWait", "timeout"), at);
            options = options(body, at);
            operations = body.get("operations");
            at = at.key("operations");
        }
        if (operations == null || !operations.isArray()) {
            throw QueryErrors.wrongType(at, "an array of {\"delegate\", \"operation\", \"args\"}");
        }
        if (operations.size() > txLimits.maxOperations()) {
            throw QueryErrors.overTransactionOperationsLimit(at, operations.size(), txLimits.maxOperations());
        }
        Optional<SessionSettings> session = sessions.current();
        WriteExecutor executor = executor(session);
        List<Step> steps = new ArrayList<>();
        boolean retryUnique = false;
        for (int i = 0; i < operations.size(); i++) {
            Step step = plan(executor.planner(), operations.get(i), at.index(i));
            if (step.read() != null) {
                softDelete.check(step.read(), session);
            }
            retryUnique |= step.write() != null && WriteExecutor.retriesUniqueViolations(step.write());
            steps.add(step);
        }
        return runner.inTransaction(
                tx -> SessionSettings.applyTo(session, tx)
                        .chain(() -> Multi.createFrom()
                                .iterable(steps)
                                .onItem()
                                .transformToUniAndConcatenate(step -> run(executor, tx, step))
                                .collect()
                                .asList())
                        .map(done -> "[" + String.join(",", done) + "]"),
                retryUnique,
                options);
    }

    /** The executor (and planner) for what the request's role reads. */
    private WriteExecutor executor(Optional<SessionSettings> session) {
        return (softDelete.allows(session) ? restoringExecutors : executors)
                .get(views.of(session.map(SessionSettings::role)));
    }

    private static Uni<String> run(WriteExecutor executor, Tx tx, Step step) {
        if (step.write() != null) {
            return executor.execute(tx, step.write()).map(WriteResult::body);
        }
        return executor.read(tx, step.model(), step.read()).invoke(result -> {
            if (step.read().operation().orThrow() && result.equals("null")) {
                throw ApiException.notFound(
                        step.model().name(), "No " + step.model().name() + " found");
            }
        });
    }

    /**
     * The transaction options of Prisma's {@code $transaction}: an isolation level, maxWait and timeout in
     * milliseconds.
     */
    private TxOptions options(JsonNode body, ArgPath at) {
        Optional<TxOptions.Isolation> isolation = Optional.empty();
        JsonNode level = body.get("isolationLevel");
        if (level != null && !level.isNull()) {
            if (!level.isTextual()
                    || TxOptions.Isolation.fromClientName(level.textValue()).isEmpty()) {
                throw QueryErrors.invalid(
                        at.key("isolationLevel"),
                        "Unknown isolation level " + level,
                        TxOptions.Isolation.clientNames());
            }
            isolation = TxOptions.Isolation.fromClientName(level.textValue());
        }
        return new TxOptions(
                isolation,
                millis(body, "maxWait", at, txLimits.maxWait(), "quarry.pool.wait-timeout"),
                millis(body, "timeout", at, txLimits.maxTimeout(), "quarry.api.max-transaction-timeout"));
    }

    /**
     * A client's duration above the server's bound is refused, not shortened: the client learns the bound it must
     * live with.
     */
    private static Optional<Duration> millis(JsonNode body, String key, ArgPath at, Duration max, String setting) {
        JsonNode value = body.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.canConvertToLong()
                || !value.isIntegralNumber()
                || value.longValue() <= 0
                || value.longValue() > max.toMillis()) {
            throw QueryErrors.outOfRange(
                    at.key(key), key + " (milliseconds, at most " + setting + ")", "1 to " + max.toMillis());
        }
        return Optional.of(Duration.ofMillis(value.longValue()));
    }

    private Step plan(WritePlanner planner, JsonNode item, ArgPath at) {
        if (!item.isObject()) {
            throw QueryErrors.wrongType(at, "an object {\"delegate\", \"operation\", \"args\"}");
        }
        checkKeys(item, List.of("delegate", "operation", "args"), at);
        JsonNode delegate = item.get("delegate");
        JsonNode operation = item.get("operation");
        if (delegate == null || !delegate.isTextual() || operation == null || !operation.isTextual()) {
            throw QueryErrors.missingArgument(at, "delegate and operation (strings)", List.of("delegate", "operation"));
        }
        Model model = routes.byDelegate(delegate.textValue());
        JsonNode args = item.has("args") && !item.get("args").isNull()
                ? item.get("args")
                : JsonNodeFactory.instance.objectNode();
        ArgPath argsAt = at.key("args");
        if (!args.isObject()) {
            throw QueryErrors.wrongType(argsAt, "Prisma's argument object");
        }
        Map<String, ArgPath> origins = new HashMap<>();
        args.fieldNames().forEachRemaining(k -> origins.put(k, argsAt.key(k)));
        String name = operation.textValue();
        var write = WriteOperation.fromClientName(name);
        if (write.isPresent()) {
            requireWritable(model);
            WritePlan plan =
                    planner.plan(model, new WriteArgs(write.get(), (ObjectNode) args, origins, Optional.empty()));
            return new Step(model, plan, null, name);
        }
        Operation read = Operation.fromClientName(name).orElseThrow(() -> {
            List<String> allowed = new ArrayList<>(Operation.clientNames());
            allowed.addAll(WriteOperation.clientNames());
            return QueryErrors.unknownOperation(at.key("operation"), name, allowed);
        });
        return new Step(model, null, new ReadArgs(read, (ObjectNode) args, origins), name);
    }

    private static void checkKeys(JsonNode node, List<String> allowed, ArgPath at) {
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                throw QueryErrors.unknownArgument(at.key(k), k, allowed);
            }
        });
    }
}
