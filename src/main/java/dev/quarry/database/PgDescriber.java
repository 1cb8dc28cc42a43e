package dev.quarry.database;

import dev.quarry.database.DbIndex.IndexColumn;
import dev.quarry.database.DbIndex.IndexMethod;
import dev.quarry.database.DbIndex.SortOrder;
import dev.quarry.schema.model.RawSql;
import dev.quarry.schema.model.ReferentialAction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the shape of a live database from {@code pg_catalog}, one catalog query per kind of object
 * (the {@code .sql} resources next to this class), each binding the list of schemas as an array.
 * Expression and partial indexes are left out, as Prisma leaves them out.
 */
public final class PgDescriber {

    private final Connection connection;
    private final List<String> schemas;

    private PgDescriber(Connection connection, List<String> schemas) {
        this.connection = connection;
        this.schemas = schemas;
    }

    public static DatabaseShape describe(Connection connection, List<String> schemas) throws SQLException {
        return new PgDescriber(connection, schemas).describe();
    }

    private DatabaseShape describe() throws SQLException {
        List<String> namespaces = new ArrayList<>();
        query("namespaces", rs -> namespaces.add(rs.getString("name")));
        List<DbExtension> extensions = new ArrayList<>();
        query(
                "extensions",
                rs -> extensions.add(new DbExtension(
                        rs.getString("name"),
                        Optional.of(rs.getString("schema")),
                        Optional.of(rs.getString("version")))));

        Map<String, List<String>> enumValues = new LinkedHashMap<>();
        query(
                "enums",
                rs -> enumValues
                        .computeIfAbsent(
                                rs.getString("schema") + "\u0000" + rs.getString("name"), k -> new ArrayList<>())
                        .add(rs.getString("value")));
        List<DbEnum> enums = new ArrayList<>();
        enumValues.forEach((key, values) -> {
            String[] parts = key.split("\u0000", 2);
            enums.add(new DbEnum(parts[0], parts[1], values));
        });

        Map<String, TableParts> tables = new LinkedHashMap<>();
        query(
                "tables",
                rs -> tables.put(
                        key(rs.getString("schema"), rs.getString("name")),
                        new TableParts(rs.getString("schema"), rs.getString("name"))));
        query("columns", rs -> {
            TableParts table = tables.get(key(rs.getString("schema"), rs.getString("table_name")));
            if (table != null) {
                table.columns.add(column(rs));
            }
        });
        query("constraints", rs -> {
            TableParts table = tables.get(key(rs.getString("schema"), rs.getString("table_name")));
            if (table == null) {
                return;
            }
            List<String> columns = strings(rs.getArray("columns"));
            if (rs.getString("kind").equals("p")) {
                table.primaryKey = Optional.of(new DbPrimaryKey(rs.getString("name"), columns));
            } else {
                table.foreignKeys.add(new DbForeignKey(
                        rs.getString("name"),
                        columns,
                        rs.getString("referenced_schema"),
                        rs.getString("referenced_table"),
                        strings(rs.getArray("referenced_columns")),
                        action(rs.getString("on_delete")),
                        action(rs.getString("on_update"))));
            }
        });
        query("checks", rs -> {
            TableParts table = tables.get(key(rs.getString("schema"), rs.getString("table_name")));
            if (table != null) {
                table.checks.add(new DbCheck(
                        rs.getString("name"),
                        RawSql.readFromDatabase(rs.getString("expression")),
                        Optional.ofNullable(rs.getString("comment"))));
            }
        });
        Map<String, IndexParts> indexes = new LinkedHashMap<>();
        query("indexes", rs -> {
            String tableKey = key(rs.getString("schema"), rs.getString("table_name"));
            String indexKey = tableKey + "\u0000" + rs.getString("name");
            IndexParts index = indexes.get(indexKey);
            if (index == null) {
                index = new IndexParts(
                        tableKey,
                        rs.getString("name"),
                        rs.getBoolean("is_unique"),
                        method(rs.getString("method")),
                        Optional.ofNullable(rs.getString("predicate")));
                indexes.put(indexKey, index);
            }
            String column = rs.getString("column_name");
            if (rs.getBoolean("skipped") || column == null) {
                index.skipped = true;
                return;
            }
            SortOrder sort = (rs.getInt("options") & 1) == 1 ? SortOrder.DESC : SortOrder.ASC;
            Optional<String> opclass =
                    rs.getBoolean("opclass_default") ? Optional.empty() : Optional.ofNullable(rs.getString("opclass"));
            index.columns.add(new IndexColumn(column, sort, opclass.map(RawSql::readFromDatabase)));
        });
        for (IndexParts index : indexes.values()) {
            TableParts table = tables.get(index.tableKey);
            if (table != null && !index.skipped) {
                table.indexes.add(new DbIndex(
                        index.name,
                        index.unique,
                        index.method,
                        index.columns,
                        index.where.map(RawSql::readFromDatabase)));
            }
        }
        List<DbSequence> sequences = new ArrayList<>();
        query(
                "sequences",
                rs -> sequences.add(new DbSequence(
                        rs.getString("schema"),
                        rs.getString("name"),
                        rs.getLong("start_value"),
                        rs.getLong("increment"),
                        rs.getLong("min_value"),
                        rs.getLong("max_value"),
                        rs.getLong("cache"),
                        rs.getBoolean("cycle"))));
        List<DbView> views = new ArrayList<>();
        query(
                "views",
                rs -> views.add(new DbView(
                        rs.getString("schema"),
                        rs.getString("name"),
                        RawSql.readFromDatabase(rs.getString("definition")),
                        List.of((String[]) rs.getArray("reads").getArray()),
                        List.of((String[]) rs.getArray("columns").getArray()))));

        List<DbTable> builtTables = tables.values().stream()
                .map(t -> new DbTable(t.schema, t.name, t.columns, t.primaryKey, t.indexes, t.foreignKeys, t.checks))
                .toList();
        return new DatabaseShape(
                namespaces, extensions, enums, builtTables, sequences, views, security(tables.keySet()));
    }

    /** Row-level security, policies, and (on tables with row-level security) the privileges Quarry manages. */
    private List<DbTableSecurity> security(Set<String> tableKeys) throws SQLException {
        Map<String, SecurityParts> security = new LinkedHashMap<>();
        query("row_security", rs -> {
            SecurityParts parts = parts(security, rs.getString("schema"), rs.getString("name"));
            parts.rowSecurity = true;
            parts.force = rs.getBoolean("force");
        });
        query(
                "policies",
                rs -> parts(security, rs.getString("schema"), rs.getString("table_name"))
                        .policies
                        .add(policy(rs)));
        query(
                "grants",
                rs -> parts(security, rs.getString("schema"), rs.getString("table_name"))
                        .grants
                        .add(new DbGrant(
                                DbGrant.On.valueOf(rs.getString("kind")),
                                rs.getString("object"),
                                rs.getString("privilege"),
                                rs.getString("grantee"))));
        return security.values().stream()
                .filter(s -> tableKeys.contains(key(s.schema, s.table)))
                .map(s -> new DbTableSecurity(s.schema, s.table, s.rowSecurity, s.force, s.policies, s.grants))
                .toList();
    }

    private static SecurityParts parts(Map<String, SecurityParts> security, String schema, String table) {
        return security.computeIfAbsent(key(schema, table), k -> new SecurityParts(schema, table));
    }

    /**
     * A policy with PostgreSQL's text of its expressions and its comment (Quarry's fingerprint when Quarry made
     * it).
     */
    private static DbPolicy policy(ResultSet rs) throws SQLException {
        DbPolicy.Command command = switch (rs.getString("command")) {
            case "r" -> DbPolicy.Command.SELECT;
            case "a" -> DbPolicy.Command.INSERT;
            case "w" -> DbPolicy.Command.UPDATE;
            case "d" -> DbPolicy.Command.DELETE;
            default -> DbPolicy.Command.ALL;
        };
        String name = rs.getString("name");
        boolean permissive = rs.getBoolean("permissive");
        List<String> roles = strings(rs.getArray("roles"));
        return new DbPolicy(
                name,
                command,
                permissive,
                roles,
                Optional.ofNullable(rs.getString("using_expr")).map(RawSql::readFromDatabase),
                Optional.ofNullable(rs.getString("check_expr")).map(RawSql::readFromDatabase),
                Optional.ofNullable(rs.getString("comment")));
    }

    private static DbColumn column(ResultSet rs) throws SQLException {
        boolean list = rs.getBoolean("is_list");
        ColumnType type = columnType(
                rs.getString("type_name"),
                rs.getString("type_kind"),
                rs.getString("type_schema"),
                rs.getInt("typmod"),
                rs.getString("formatted"),
                list);
        Optional<ColumnDefault> defaultValue =
                Optional.ofNullable(rs.getString("default_expr")).map(DefaultParser::parse);
        boolean identity = !rs.getString("identity").isEmpty();
        boolean autoincrement = identity
                || defaultValue.filter(ColumnDefault.Sequence.class::isInstance).isPresent();
        if (identity) {
            defaultValue = Optional.of(new ColumnDefault.Sequence(""));
        }
        return new DbColumn(rs.getString("name"), type, !rs.getBoolean("not_null"), defaultValue, autoincrement);
    }

    static ColumnType columnType(
            String typeName, String kind, String typeSchema, int typmod, String formatted, boolean list) {
        if ("e".equals(kind)) {
            return ColumnType.enumType(typeSchema, typeName, list);
        }
        List<Integer> noArgs = List.of();
        List<Integer> length = typmod >= 0 ? List.of(typmod) : noArgs;
        List<Integer> charLength = typmod >= 4 ? List.of(typmod - 4) : noArgs;
        switch (typeName) {
            case "int2":
                return ColumnType.builtin("SMALLINT", noArgs, list);
            case "int4":
                return ColumnType.builtin("INTEGER", noArgs, list);
            case "int8":
                return ColumnType.builtin("BIGINT", noArgs, list);
            case "float4":
                return ColumnType.builtin("REAL", noArgs, list);
            case "float8":
                return ColumnType.builtin("DOUBLE PRECISION", noArgs, list);
            case "numeric":
                return ColumnType.builtin(
                        "DECIMAL",
                        typmod >= 4 ? List.of(((typmod - 4) >> 16) & 0xffff, (typmod - 4) & 0xffff) : noArgs,
                        list);
            case "money":
                return ColumnType.builtin("MONEY", noArgs, list);
            case "bool":
                return ColumnType.builtin("BOOLEAN", noArgs, list);
            case "text":
                return ColumnType.builtin("TEXT", noArgs, list);
            case "varchar":
                return ColumnType.builtin("VARCHAR", charLength, list);
            case "bpchar":
                return ColumnType.builtin("CHAR", charLength, list);
            case "uuid":
                return ColumnType.builtin("UUID", noArgs, list);
            case "xml":
                return ColumnType.builtin("XML", noArgs, list);
            case "inet":
                return ColumnType.builtin("INET", noArgs, list);
            case "citext":
                return ColumnType.builtin("CITEXT", noArgs, list);
            case "bit":
                return ColumnType.builtin("BIT", length, list);
            case "varbit":
                return ColumnType.builtin("VARBIT", length, list);
            case "oid":
                return ColumnType.builtin("OID", noArgs, list);
            case "bytea":
                return ColumnType.builtin("BYTEA", noArgs, list);
            case "date":
                return ColumnType.builtin("DATE", noArgs, list);
            case "timestamp":
                return ColumnType.builtin("TIMESTAMP", length, list);
            case "timestamptz":
                return ColumnType.builtin("TIMESTAMPTZ", length, list);
            case "time":
                return ColumnType.builtin("TIME", length, list);
            case "timetz":
                return ColumnType.builtin("TIMETZ", length, list);
            case "json":
                return ColumnType.builtin("JSON", noArgs, list);
            case "jsonb":
                return ColumnType.builtin("JSONB", noArgs, list);
            default:
                String text =
                        list && formatted.endsWith("[]") ? formatted.substring(0, formatted.length() - 2) : formatted;
                return ColumnType.unsupported(text, list);
        }
    }

    private static ReferentialAction action(String code) {
        return switch (code) {
            case "c" -> ReferentialAction.CASCADE;
            case "r" -> ReferentialAction.RESTRICT;
            case "n" -> ReferentialAction.SET_NULL;
            case "d" -> ReferentialAction.SET_DEFAULT;
            default -> ReferentialAction.NO_ACTION;
        };
    }

    private static IndexMethod method(String amname) {
        return switch (amname) {
            case "hash" -> IndexMethod.HASH;
            case "gist" -> IndexMethod.GIST;
            case "gin" -> IndexMethod.GIN;
            case "spgist" -> IndexMethod.SPGIST;
            case "brin" -> IndexMethod.BRIN;
            default -> IndexMethod.BTREE;
        };
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static String key(String schema, String name) {
        return schema + "." + name;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String name, RowReader reader) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql(name))) {
            statement.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }

    private static String sql(String name) {
        try (InputStream in = PgDescriber.class.getResourceAsStream(name + ".sql")) {
            if (in == null) {
                throw new IllegalStateException("missing catalog query " + name + ".sql");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class TableParts {
        final String schema;
        final String name;
        final List<DbColumn> columns = new ArrayList<>();
        Optional<DbPrimaryKey> primaryKey = Optional.empty();
        final List<DbIndex> indexes = new ArrayList<>();
        final List<DbForeignKey> foreignKeys = new ArrayList<>();
        final List<DbCheck> checks = new ArrayList<>();

        TableParts(String schema, String name) {
            this.schema = schema;
            this.name = name;
        }
    }

    private static final class SecurityParts {
        final String schema;
        final String table;
        boolean rowSecurity;
        boolean force;
        final List<DbPolicy> policies = new ArrayList<>();
        final List<DbGrant> grants = new ArrayList<>();

        SecurityParts(String schema, String table) {
            this.schema = schema;
            this.table = table;
        }
    }

    private static final class IndexParts {
        final String tableKey;
        final String name;
        final boolean unique;
        final IndexMethod method;
        final Optional<String> where;
        final List<IndexColumn> columns = new ArrayList<>();
        boolean skipped;

        IndexParts(String tableKey, String name, boolean unique, IndexMethod method, Optional<String> where) {
            this.where = where;
            this.tableKey = tableKey;
            this.name = name;
            this.unique = unique;
            this.method = method;
        }
    }
}
