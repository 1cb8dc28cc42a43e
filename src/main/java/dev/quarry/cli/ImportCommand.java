package dev.quarry.cli;

import dev.quarry.api.RouteNames;
import dev.quarry.migrate.DatabaseConnector;
import dev.quarry.query.QueryException;
import dev.quarry.query.bulk.BulkFormat;
import dev.quarry.query.bulk.BulkRowException;
import dev.quarry.query.bulk.BulkRows;
import dev.quarry.query.bulk.BulkWriter;
import dev.quarry.query.exec.DatabaseErrors;
import dev.quarry.query.exec.JdbcErrors;
import dev.quarry.query.plan.Limits;
import dev.quarry.query.write.WriteError;
import dev.quarry.query.write.WriteException;
import dev.quarry.query.write.WritePlanner;
import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.Schema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.postgresql.util.PSQLException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code db import --model User [--format ndjson|csv] [--skip-duplicates] FILE}: a file of records into a model's
 * table in one transaction, as {@code POST /api/{model}/bulk} writes them ({@link BulkWriter}); a progress line on
 * a terminal.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Imports a file of NDJSON (one JSON object a line) or CSV (a header row of field names) records "
                + "into a model, all or none.")
final class ImportCommand extends MigrateCommand.Common implements Callable<Integer> {

    @Option(
            names = "--model",
            paramLabel = "MODEL",
            description = "The model, as the schema names it (default: from the file's name, users.csv: User).")
    String model;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "ndjson or csv (default: from the file's extension: .ndjson, .jsonl, .csv).")
    String format;

    @Option(
            names = "--skip-duplicates",
            description = "Skip records whose unique key is taken (ON CONFLICT DO NOTHING).")
    boolean skipDuplicates;

    @Parameters(index = "0", paramLabel = "FILE", description = "The records.")
    Path file;

    @Override
    public Integer call() {
        Schema schema = schema();
        long count = importFile(
                schema,
                databaseUrl(schema),
                file,
                Optional.ofNullable(model),
                Optional.ofNullable(format),
                skipDuplicates,
                err());
        out().println("Imported " + count + " records into "
                + modelOf(schema, file, Optional.ofNullable(model)).name() + " from " + file + ".");
        return 0;
    }

    /** Also {@code db seed}'s for an NDJSON or CSV file. */
    static long importFile(
            Schema schema,
            DatabaseUrl url,
            Path file,
            Optional<String> modelName,
            Optional<String> formatName,
            boolean skipDuplicates,
            PrintWriter progress) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("no file at " + file);
        }
        Model target = modelOf(schema, file, modelName);
        BulkFormat format = formatName
                .map(f -> BulkFormat.ofName(f).orElseThrow(() -> new UserError("--format is ndjson or csv, not " + f)))
                .or(() -> formatOf(file))
                .orElseThrow(() -> new UserError(
                        "cannot tell the format of " + file + " from its extension; pass --format ndjson or csv"));
        BulkWriter writer = new BulkWriter(schema, new WritePlanner(schema, Limits.DEFAULT));
        try (Connection connection = DatabaseConnector.open(url);
                InputStream in = new Progress(
                        Files.newInputStream(file),
                        Files.size(file),
                        file,
                        System.console() != null ? progress : null)) {
            connection.setAutoCommit(false);
            try {
                long count = writer.write(connection, target, BulkRows.of(format, target, in), skipDuplicates);
                connection.commit();
                return count;
            } catch (BulkRowException e) {
                connection.rollback();
                throw new UserError(
                        file + ", line " + e.line() + ": " + message(schema, e.error()) + "; nothing was imported");
            } catch (SQLException e) {
                connection.rollback();
                throw new UserError("the import of " + file + " failed and wrote nothing: " + message(schema, e));
            }
        } catch (SQLException e) {
            throw new UserError("the import of " + file + " failed and wrote nothing: "
                    + e.getMessage().strip());
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        }
    }

    static Optional<BulkFormat> formatOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : BulkFormat.ofName(name.substring(dot + 1));
    }

    /**
     * By {@code --model}, else by the file's name without its extension: the model's name or its route ({@code
     * users}).
     */
    private static Model modelOf(Schema schema, Path file, Optional<String> name) {
        if (name.isPresent()) {
            return schema.findModel(name.get())
                    .orElseThrow(() -> new UserError("the schema has no model " + name.get()));
        }
        String base = file.getFileName().toString().replaceAll("\\.[^.]*$", "");
        return schema.models().stream()
                .filter(m -> !m.ignored() && !m.view())
                .filter(m -> m.name().equalsIgnoreCase(base)
                        || RouteNames.resource(m.name()).equalsIgnoreCase(base))
                .findFirst()
                .orElseThrow(() -> new UserError("no model is named after " + file.getFileName() + "; pass --model"));
    }

    private static String message(Schema schema, Exception e) {
        if (e instanceof QueryException q) {
            return q.error().message();
        }
        if (e instanceof WriteException w) {
            return w.error().message();
        }
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            Optional<WriteError> mapped = new DatabaseErrors(schema).map(JdbcErrors.pgException(psql));
            if (mapped.isPresent()) {
                return mapped.get().code().code() + " " + mapped.get().message();
            }
        }
        return e.getMessage().strip();
    }

    /**
     * The file as read, with a progress line ({@code \r}-rewritten, at most every percent) when there is a terminal
     * to show it.
     */
    private static final class Progress extends FilterInputStream {
        private final long size;
        private final Path file;
        private final PrintWriter terminal;
        private long read;
        private long shownPercent = -1;

        Progress(InputStream in, long size, Path file, PrintWriter terminal) {
            super(in);
            this.size = Math.max(size, 1);
            this.file = file;
            this.terminal = terminal;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                read += n;
                show();
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                read++;
                show();
            }
            return c;
        }

        private void show() {
            long percent = read * 100 / size;
            if (terminal != null && percent != shownPercent) {
                shownPercent = percent;
                terminal.printf(
                        Locale.ROOT,
                        "\rimporting %s: %d%% (%.1f of %.1f MB)%s",
                        file.getFileName(),
                        percent,
                        read / 1e6,
                        size / 1e6,
                        percent == 100 ? "\n" : "");
                terminal.flush();
            }
        }
    }
}
