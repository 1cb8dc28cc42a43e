package dev.quarry.migrate;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs a migration script in one transaction: it applies completely or not at all. */
public final class SqlScripts {

    private SqlScripts() {}

    public static void executeInTransaction(Connection connection, String script) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute(script);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
