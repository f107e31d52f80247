package io.batchcast.adapter.persistence;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Whether a statement failed on a unique or primary-key constraint: SQLState {@code 23505} on H2 and PostgreSQL;
 * sqlite-jdbc gives no SQLState but SQLite's extended result code.
 */
final class UniqueViolation {

    private static final String SQL_STATE = "23505";

    private UniqueViolation() {
    }

    static boolean is(SQLException e) {
        if (SQL_STATE.equals(e.getSQLState())) {
            return true;
        }
        return e instanceof SQLiteException sqlite
                && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                        || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY);
    }
}
