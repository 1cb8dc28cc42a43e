package dev.quarry.migrate;

import dev.quarry.runtime.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** JDBC connections for the migration commands, with the usual failures said in one sentence. */
public final class DatabaseConnector {

    private DatabaseConnector() {}

    public static Connection open(DatabaseUrl url) {
        Properties properties = new Properties();
        properties.setProperty("user", url.user());
        url.password().ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("connectTimeout", "10");
        try {
            return DriverManager.getConnection(url.jdbcUrl(), properties);
        } catch (SQLException e) {
            throw explain(url, e);
        }
    }

    /** The sentence for a failed connection or statement: which database, what went wrong. */
    public static MigrateException explain(DatabaseUrl url, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = url.redacted();
        if (state.equals("28P01") || state.equals("28000")) {
            return new MigrateException(
                    "authentication failed for user \"" + url.user() + "\" on " + where
                            + "; check the user and password in DATABASE_URL",
                    e);
        }
        if (state.equals("3D000")) {
            return new MigrateException(
                    "the database \"" + url.database() + "\" does not exist on " + url.host() + ":" + url.port()
                            + "; create it (CREATE DATABASE \"" + url.database() + "\") or fix DATABASE_URL",
                    e);
        }
        if (state.startsWith("08")) {
            return new MigrateException(
                    "cannot reach the database server at " + url.host() + ":" + url.port() + " (" + where
                            + "); is PostgreSQL running there?",
                    e);
        }
        return new MigrateException("the database " + where + " answered: " + e.getMessage(), e);
    }
}
