package dev.quarry.migrate;

import static dev.quarry.schema.model.Identifiers.quote;

import dev.quarry.database.DatabaseShape;
import dev.quarry.database.PgDescriber;
import dev.quarry.database.ShapeCalculator;
import dev.quarry.migrate.check.DestructiveChecks;
import dev.quarry.migrate.check.Warning;
import dev.quarry.migrate.diff.ColumnRef;
import dev.quarry.migrate.diff.DiffResult;
import dev.quarry.migrate.diff.RenameCandidate;
import dev.quarry.migrate.diff.Renames;
import dev.quarry.migrate.diff.ShapeDiffer;
import dev.quarry.migrate.render.MigrationScript;
import dev.quarry.migrate.render.PostgresRenderer;
import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.schema.model.Field;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.Schema;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * What the {@code migrate} and {@code db} commands do, on one development database and one
 * migrations folder. Every method talks to the person through {@code out} and {@code prompt} and
 * fails with a {@link MigrateException} that says what to do.
 */
public final class Migrator {

    private final DatabaseUrl url;
    private final MigrationsFolder folder;
    private final Optional<DatabaseUrl> shadowUrl;
    private final PrintWriter out;
    private final Prompt prompt;

    public Migrator(
            DatabaseUrl url, MigrationsFolder folder, Optional<DatabaseUrl> shadowUrl, PrintWriter out, Prompt prompt) {
        this.url = url;
        this.folder = folder;
        this.shadowUrl = shadowUrl;
        this.out = out;
        this.prompt = prompt;
    }

    /** Options of {@code migrate dev}. */
    public record DevOptions(
            String name, boolean createOnly, Renames renames, boolean acceptDataLoss, boolean noRenames) {}

    /** @return the migration written, if any */
    public Optional<Path> dev(Schema schema, DevOptions options) {
        baselinePrismaHistory();
        Flyway flyway = Flyways.forFolder(url, folder);
        List<String> problems = validate(flyway);
        if (!problems.isEmpty()) {
            throw new MigrateException(
                    "drift: the migration history of " + url.redacted() + " does not match the migrations folder:\n  - "
                            + String.join("\n  - ", problems)
                            + "\nRun `migrate reset` to recreate the development database from the migrations (its "
                            + "data is lost).");
        }
        int applied = migrate(flyway);
        if (applied > 0) {
            out.println("Applied " + applied + " pending migration(s) to " + url.redacted() + ".");
        }
        DatabaseShape replayed = replay();
        DatabaseShape live = describe(url);
        DiffResult drift = ShapeDiffer.diff(replayed, live);
        if (!drift.isEmpty()) {
            throw new MigrateException("drift: " + url.redacted()
                    + " differs from what the migrations create; the changes made outside migrations are:\n"
                    + indent(MigrationScript.render(drift.steps(), List.of(), new PostgresRenderer(url.schema())))
                    + "Run `migrate reset` to recreate the development database from the migrations (its data is "
                    + "lost), or write a migration for these changes.");
        }
        DatabaseShape desired = ShapeCalculator.calculate(schema, url.schema());
        Renames renames = answerRenames(schema, replayed, desired, options.renames(), options.noRenames());
        DiffResult diff = ShapeDiffer.diff(replayed, desired, renames);
        if (diff.isEmpty()) {
            out.println("Already in sync: the schema matches the migrations, no migration created.");
            return Optional.empty();
        }
        List<Warning> warnings = warnings(diff, url);
        Set<ColumnRef> recreated = options.acceptDataLoss() ? uncastable(warnings) : Set.of();
        if (!recreated.isEmpty()) {
            diff = ShapeDiffer.diff(replayed, desired, renames, recreated);
            warnings = warnings(diff, url);
        }
        confirmDataLoss(warnings, options.acceptDataLoss(), options.createOnly());
        PostgresRenderer renderer = new PostgresRenderer(url.schema());
        String sql = MigrationScript.render(diff.steps(), warnings, renderer);
        DiffResult down = ShapeDiffer.diff(desired, replayed, renames.reversed());
        String undo = MigrationScript.render(down.steps(), Migrations.pureWarnings(down), renderer);
        Path file = folder.write(folder.nextVersion(LocalDateTime.now()), options.name(), sql, Optional.of(undo));
        out.println("Wrote " + file + " (" + diff.steps().size() + " step(s)) and its undo script.");
        if (!options.createOnly()) {
            migrate(Flyways.forFolder(url, folder));
            out.println("Applied it to " + url.redacted() + ".");
        }
        return Optional.of(file);
    }

    /** {@code migrate deploy}: applies pending migrations; refuses when an applied one was edited. */
    public int deploy() {
        baselinePrismaHistory();
        Flyway flyway = Flyways.forFolder(url, folder);
        List<String> problems = validate(flyway);
        if (!problems.isEmpty()) {
            throw new MigrateException(
                    "refusing to deploy to " + url.redacted() + ":\n  - " + String.join("\n  - ", problems));
        }
        int applied = migrate(flyway);
        out.println(
                applied == 0
                        ? "No pending migrations: " + url.redacted() + " is up to date."
                        : "Applied " + applied + " migration(s) to " + url.redacted() + ".");
        return applied;
    }

    /**
     * On a database Prisma migrated and Flyway never touched, records Prisma's applied migrations
     * as Flyway's baseline, so that they are not applied a second time.
     */
    private void baselinePrismaHistory() {
        Optional<PrismaBaseline.Plan> plan = PrismaBaseline.plan(url, folder);
        if (plan.isEmpty()) {
            return;
        }
        plan.get().warnings().forEach(w -> out.println("warning: " + w));
        try {
            Flyways.configure(url, folder)
                    .baselineVersion(plan.get().version())
                    .baselineDescription(plan.get().description())
                    .load()
                    .baseline();
        } catch (FlywayException e) {
            throw Flyways.explain(url, e);
        }
        out.println("Recorded the " + plan.get().covered().size() + " migration(s) Prisma applied to " + url.redacted()
                + " as Flyway's baseline (up to " + plan.get().last().path().getFileName() + ").");
    }

    /** The state of every migration, and drift. */
    public record Status(
            List<String> applied, List<String> pending, List<String> failed, List<String> edited, List<String> drift) {
        public boolean clean() {
            return pending.isEmpty() && failed.isEmpty() && edited.isEmpty() && drift.isEmpty();
        }
    }

    public Status status() {
        Flyway flyway = Flyways.forFolder(url, folder);
        List<String> applied = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Optional<PrismaBaseline.Plan> prismaHistory = PrismaBaseline.plan(url, folder);
        try {
            for (MigrationInfo info : flyway.info().all()) {
                String label = (info.getVersion() == null ? "" : "V" + info.getVersion() + " ") + info.getDescription();
                MigrationState state = info.getState();
                if (state == MigrationState.PENDING
                        && prismaHistory.isPresent()
                        && MigrationsFolder.compareVersions(
                                        info.getVersion().getVersion(),
                                        prismaHistory.get().version())
                                <= 0) {
                    applied.add(label + " (applied by Prisma; the next migrate deploy records it in Flyway's history)");
                } else if (state == MigrationState.PENDING) {
                    pending.add(label);
                } else if (state.isFailed()) {
                    failed.add(label);
                } else if (state.isApplied()) {
                    applied.add(label);
                }
            }
        } catch (FlywayException e) {
            throw Flyways.explain(url, e);
        }
        List<String> edited = validate(flyway);
        List<String> drift = new ArrayList<>();
        if (pending.isEmpty() && failed.isEmpty() && edited.isEmpty()) {
            DiffResult diff = ShapeDiffer.diff(replay(), describe(url));
            PostgresRenderer renderer = new PostgresRenderer(url.schema());
            diff.steps().forEach(step -> drift.add(String.join("; ", renderer.render(step))));
        }
        return new Status(applied, pending, failed, edited, drift);
    }

    /** {@code migrate reset}: drops everything in the schema and applies every migration again. */
    public int reset() {
        try (Connection connection = DatabaseConnector.open(url);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + quote(url.schema()) + " CASCADE");
            statement.execute("CREATE SCHEMA " + quote(url.schema()));
        } catch (SQLException e) {
            throw DatabaseConnector.explain(url, e);
        }
        int applied = migrate(Flyways.forFolder(url, folder));
        out.println("Reset " + url.redacted() + " and applied " + applied + " migration(s).");
        return applied;
    }

    /** {@code db push}: makes the database match the schema without a migration file. */
    public DiffResult push(Schema schema, Renames renames, boolean acceptDataLoss, boolean noRenames) {
        DatabaseShape live = describe(url);
        DatabaseShape desired = ShapeCalculator.calculate(schema, url.schema());
        Renames answered = answerRenames(schema, live, desired, renames, noRenames);
        DiffResult diff = ShapeDiffer.diff(live, desired, answered);
        if (diff.isEmpty()) {
            out.println("The database is already in sync with the schema.");
            return diff;
        }
        List<Warning> warnings = warnings(diff, url);
        Set<ColumnRef> recreated = acceptDataLoss ? uncastable(warnings) : Set.of();
        if (!recreated.isEmpty()) {
            diff = ShapeDiffer.diff(live, desired, answered, recreated);
            warnings = warnings(diff, url);
        }
        confirmDataLoss(warnings, acceptDataLoss, false);
        String sql = MigrationScript.render(diff.steps(), List.of(), new PostgresRenderer(url.schema()));
        try (Connection connection = DatabaseConnector.open(url)) {
            SqlScripts.executeInTransaction(connection, sql);
        } catch (SQLException e) {
            throw new MigrateException(
                    "db push failed and changed nothing: " + e.getMessage().strip(), e);
        }
        out.println(
                "The database is now in sync with the schema (" + diff.steps().size() + " step(s)).");
        return diff;
    }

    /** {@code db seed}: runs a SQL file in one transaction. */
    public void seed(Path seedFile) {
        if (!Files.isRegularFile(seedFile)) {
            throw new MigrateException("no seed file at " + seedFile + "; write one or pass --file");
        }
        try (Connection connection = DatabaseConnector.open(url)) {
            SqlScripts.executeInTransaction(connection, Files.readString(seedFile));
        } catch (SQLException e) {
            throw new MigrateException(
                    "the seed " + seedFile + " failed and changed nothing: "
                            + e.getMessage().strip(),
                    e);
        } catch (IOException e) {
            throw new MigrateException("cannot read " + seedFile + ": " + e.getMessage(), e);
        }
        out.println("Ran the seed " + seedFile + ".");
    }

    /** The shape the migrations folder creates, replayed into a shadow database. */
    public DatabaseShape replay() {
        return ShadowDatabase.use(url, shadowUrl, shadow -> {
            migrate(Flyways.forFolder(shadow, folder));
            return describe(shadow);
        });
    }

    /** The shape of a live database's schema, without the migration tools' tables. */
    public static DatabaseShape describe(DatabaseUrl database) {
        try (Connection connection = DatabaseConnector.open(database)) {
            return PgDescriber.describe(connection, List.of(database.schema())).withoutTables(Flyways.HISTORY_TABLES);
        } catch (SQLException e) {
            throw DatabaseConnector.explain(database, e);
        }
    }

    private int migrate(Flyway flyway) {
        try {
            MigrateResult result = flyway.migrate();
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            throw Flyways.explain(url, e);
        }
    }

    /** Applied migrations edited since, or missing from the folder: one line each. */
    private List<String> validate(Flyway flyway) {
        try {
            ValidateResult result = flyway.validateWithResult();
            List<String> problems = new ArrayList<>();
            if (!result.validationSuccessful) {
                for (ValidateOutput invalid : result.invalidMigrations) {
                    String what = invalid.errorDetails == null ? "is invalid" : invalid.errorDetails.errorMessage;
                    String label = "V" + invalid.version + " " + invalid.description;
                    if (invalid.errorDetails != null
                            && String.valueOf(invalid.errorDetails.errorCode).contains("CHECKSUM")) {
                        what = "was edited after it was applied (its checksum changed); restore it and write a "
                                + "new migration instead";
                    }
                    problems.add(label + ": " + what);
                }
            }
            return problems;
        } catch (FlywayException e) {
            throw Flyways.explain(url, e);
        }
    }

    private List<Warning> warnings(DiffResult diff, DatabaseUrl database) {
        try (Connection connection = DatabaseConnector.open(database)) {
            return DestructiveChecks.check(diff.steps(), Optional.of(connection));
        } catch (SQLException e) {
            throw DatabaseConnector.explain(database, e);
        }
    }

    /** The columns whose values the data check found a type change cannot cast. */
    private static Set<ColumnRef> uncastable(List<Warning> warnings) {
        return warnings.stream().flatMap(w -> w.uncastable().stream()).collect(Collectors.toSet());
    }

    /** With {@code createOnly} nothing runs: the warnings go into the file, for the hand edit they call for. */
    private void confirmDataLoss(List<Warning> warnings, boolean accepted, boolean createOnly) {
        if (warnings.isEmpty()) {
            return;
        }
        out.println("Warnings:");
        warnings.forEach(w -> out.println("  - " + w.message()));
        if (createOnly) {
            return;
        }
        List<Warning> unexecutable =
                warnings.stream().filter(Warning::unexecutable).toList();
        if (!unexecutable.isEmpty()) {
            throw new MigrateException(
                    "the change cannot run on the data present (see the warnings above); give the column a "
                            + "default, make it optional, or fix the data first");
        }
        if (accepted) {
            return;
        }
        Optional<Boolean> answer = prompt.confirm("These changes may lose data. Go on?");
        if (answer.isEmpty()) {
            throw new MigrateException(
                    "the change may lose data (see the warnings above); run again with --accept-data-loss "
                            + "to go on");
        }
        if (!answer.get()) {
            throw new MigrateException("stopped: nothing was changed");
        }
    }

    /** Asks about each likely rename the user did not answer; without anyone to ask, refuses. */
    private Renames answerRenames(
            Schema schema, DatabaseShape previous, DatabaseShape next, Renames renames, boolean noRenames) {
        if (noRenames) {
            return renames;
        }
        Renames answered = renames;
        for (RenameCandidate candidate :
                ShapeDiffer.diff(previous, next, renames).renameCandidates()) {
            Optional<Boolean> answer = prompt.confirm("Did you rename the " + candidate.describe()
                    + "? (otherwise it is dropped and created, and its data lost)");
            if (answer.isEmpty()) {
                throw new MigrateException("the " + candidate.describe() + " looks like a rename; answer with --rename "
                        + renameFlag(schema, candidate) + " to keep its data, or --no-rename to drop and create");
            }
            if (answer.get()) {
                answered = candidate.isColumn()
                        ? answered.withColumn(
                                candidate.nextTable(),
                                candidate.previousColumn().get(),
                                candidate.nextColumn().get())
                        : answered.withTable(candidate.previousTable(), candidate.nextTable());
            }
        }
        return answered;
    }

    /**
     * What {@code --rename} takes to answer a candidate: {@code Model.previousColumn=field} or
     * {@code previousTable=Model}. The previous side is a database name (it is gone from the
     * schema); the next side is the schema's model and field name.
     */
    static String renameFlag(Schema schema, RenameCandidate candidate) {
        Optional<Model> model = schema.models().stream()
                .filter(m -> m.dbName().equals(candidate.nextTable()))
                .findFirst();
        String modelName = model.map(Model::name).orElse(candidate.nextTable());
        if (!candidate.isColumn()) {
            return candidate.previousTable() + "=" + modelName;
        }
        String field = model.flatMap(m -> m.fields().stream()
                        .filter(f -> f instanceof ScalarField s
                                && s.dbName().equals(candidate.nextColumn().get()))
                        .map(Field::name)
                        .findFirst())
                .orElse(candidate.nextColumn().get());
        return modelName + "." + candidate.previousColumn().get() + "=" + field;
    }

    private static String indent(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            out.append("    ").append(line).append('\n');
        }
        return out.toString();
    }
}
