package dev.quarry.query.bulk;

import dev.quarry.query.ArgPath;
import dev.quarry.query.QueryException;
import dev.quarry.query.plan.Value;
import dev.quarry.query.sql.Fragments;
import dev.quarry.query.sql.Sql;
import dev.quarry.query.sql.SqlStatement;
import dev.quarry.query.write.Assign;
import dev.quarry.query.write.RecordCreate;
import dev.quarry.query.write.WriteException;
import dev.quarry.query.write.WritePlanner;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.Schema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PSQLException;

/**
 * A bulk import on one JDBC connection, inside the caller's transaction: each record is planned as a create of
 * A bulk import on one JDBC connection, inside the caller's transaction: each record is planned as a create of
 * scalar fields ({@link WritePlanner#createRow}: types, required fields, client-side defaults), its values written
 * with {@code COPY … FROM STDIN} into a temporary staging table of text columns (and the record's line), and the
 * staged rows inserted with
 * {@code INSERT … SELECT}, each column cast as the write path casts a bound value ({@link Fragments#valueOfText}).
 * Staging also lets an import run under row-level security, which PostgreSQL refuses to {@code COPY FROM} into, and
 * makes {@code skipDuplicates} an {@code ON CONFLICT DO NOTHING}. Records setting different fields go to separate
 * stagings (a run per field set), since an omitted field takes the column's default, not NULL.
 */
public final class BulkWriter {

    private static final int COPY_CHUNK = 1 << 16;

    private final Schema schema;
    private final WritePlanner planner;

    public BulkWriter(Schema schema, WritePlanner planner) {
        this.schema = schema;
        this.planner = planner;
    }

    /**
     * Writes every record of {@code rows} and answers how many rows were inserted. A record the client got wrong is
     * a {@link BulkRowException} naming its line; the caller rolls back.
     */
    public long write(Connection connection, Model model, BulkRows rows, boolean skipDuplicates)
            throws SQLException, IOException {
        ArgPath at = rows.textValues() ? ArgPath.ofText("body") : ArgPath.of("body");
        long count = 0;
        Run run = null;
        int runs = 0;
        try {
            while (true) {
                Optional<BulkRow> next = rows.next();
                if (next.isEmpty()) {
                    break;
                }
                BulkRow row = next.get();
                RecordCreate record;
                try {
                    record = planner.createRow(model, row.data(), at);
                } catch (QueryException | WriteException e) {
                    throw new BulkRowException(row.line(), e);
                }
                Map<String, Assign> byField = new HashMap<>();
                record.scalars().forEach(a -> byField.put(a.field().name(), a));
                List<ScalarField> columns = model.scalarFields().stream()
                        .filter(f -> byField.containsKey(f.name()))
                        .toList();
                if (run == null || !run.columns.equals(columns)) {
                    if (run != null) {
                        count += run.finish(skipDuplicates);
                    }
                    run = new Run(connection, model, columns, "quarry_bulk_" + runs++);
                }
                run.add(
                        row.line(),
                        columns.stream().map(f -> byField.get(f.name())).toList());
            }
            if (run != null) {
                count += run.finish(skipDuplicates);
            }
            return count;
        } catch (RuntimeException | SQLException | IOException e) {
            if (run != null) {
                run.cancel();
            }
            throw e;
        }
    }

    /** The records of one field set: a staging table being copied into. */
    private final class Run {
        final List<ScalarField> columns;
        private final Connection connection;
        private final Model model;
        private final String staging;
        private final CopyIn copy;
        private final StringBuilder buffer = new StringBuilder(COPY_CHUNK + 1024);

        Run(Connection connection, Model model, List<ScalarField> columns, String staging) throws SQLException {
            this.connection = connection;
            this.model = model;
            this.columns = columns;
            this.staging = staging;
            List<String> definitions = new ArrayList<>(List.of("line int"));
            for (int i = 0; i < columns.size(); i++) {
                definitions.add("c" + i + (columns.get(i).isList() ? " text[]" : " text"));
            }
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TEMPORARY TABLE " + staging + " (" + String.join(", ", definitions)
                        + ") ON COMMIT DROP");
            }
            this.copy = connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY " + staging + " FROM STDIN (FORMAT csv)");
        }

        void add(int line, List<Assign> values) throws SQLException {
            buffer.append(line);
            for (int i = 0; i < values.size(); i++) {
                buffer.append(',');
                Assign value = values.get(i);
                if (value instanceof Assign.Set set) {
                    if (set.value() instanceof Value.One one) {
                        quoted(one.text());
                    } else {
                        quoted(arrayLiteral(((Value.Many) set.value()).texts()));
                    }
                }
            }
            buffer.append('\n');
            if (buffer.length() >= COPY_CHUNK) {
                flush();
            }
        }

        /**
         * Ends the copy and inserts the staged rows; answers how many were inserted. A unique or foreign-key
         * violation is a {@link BulkRowException} naming the line of the record it is about, when {@link
         * ConflictLine} can tell.
         */
        long finish(boolean skipDuplicates) throws SQLException {
            flush();
            copy.endCopy();
            Fragments fragments = new Fragments(schema);
            List<Sql> targets = new ArrayList<>();
            List<Sql> values = new ArrayList<>();
            Map<String, Sql> castByColumn = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                ScalarField f = columns.get(i);
                targets.add(Sql.ident(f.dbName()));
                Sql staged = Sql.ident("c" + i);
                Sql cast = f.isList() ? fragments.arrayOfText(f, staged) : fragments.valueOfText(f, staged);
                values.add(cast);
                castByColumn.put(f.dbName(), cast);
            }
            Sql table = Sql.qualified(model.dbSchema(), model.dbName());
            // with no field set, the SELECT has no columns and every column takes its default
            Sql insert = Sql.of(
                    "INSERT INTO ",
                    table,
                    columns.isEmpty() ? Sql.EMPTY : Sql.of(" (", Sql.join(", ", targets), ")"),
                    " SELECT ",
                    Sql.join(", ", values),
                    " FROM ",
                    Sql.ident(staging),
                    skipDuplicates ? " ON CONFLICT DO NOTHING" : "");
            SqlStatement statement = insert.render();
            if (!statement.params().isEmpty()) {
                throw new IllegalStateException("a bulk insert binds no values: " + statement.text());
            }
            try (Statement s = connection.createStatement()) {
                s.execute("SAVEPOINT quarry_bulk_insert");
                long inserted;
                try {
                    inserted = s.executeLargeUpdate(statement.text());
                } catch (PSQLException e) {
                    if (!ConflictLine.isConflict(e)) {
                        throw e;
                    }
                    s.execute("ROLLBACK TO SAVEPOINT quarry_bulk_insert");
                    Optional<Integer> line = new ConflictLine(table, staging, castByColumn).of(connection, e);
                    if (line.isPresent()) {
                        throw new BulkRowException(line.get(), e);
                    }
                    throw e;
                }
                s.execute("DROP TABLE " + staging);
                return inserted;
            }
        }

        /**
         * Ends a copy still under way, so that the connection can roll back (PgJDBC holds it until the copy ends).
         */
        void cancel() {
            try {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            } catch (SQLException ignored) {
                // the server refused the copy already; the rollback follows
            }
        }

        private void quoted(String text) {
            buffer.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    buffer.append('"');
                }
                buffer.append(c);
            }
            buffer.append('"');
        }

        private void flush() throws SQLException {
            if (buffer.length() > 0) {
                byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                buffer.setLength(0);
            }
        }
    }

    /** {@code {"a","b\"c"}}: PostgreSQL's array input, every element quoted and escaped. */
    static String arrayLiteral(List<String> texts) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < texts.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"')
                    .append(texts.get(i).replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return out.append('}').toString();
    }
}
