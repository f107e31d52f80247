package io.batchcast.adapter.persistence;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Tells Hikari to discard a SQLite connection whose statement failed in a way that may have rolled its transaction
 * back. On {@code SQLITE_FULL}, {@code SQLITE_IOERR}, {@code SQLITE_BUSY}, {@code SQLITE_NOMEM} and
 * {@code SQLITE_INTERRUPT} SQLite may end the transaction by itself, while sqlite-jdbc still believes one is open: it
 * begins no new one, so every later statement on that connection would run in auto-commit mode, each committed on its
 * own, and a failing transaction would leave part of its work behind. Evicted, the connection refuses further
 * statements at once ("connection is closed") and is closed, which ends whatever SQLite still holds of it.
 */
final class SqliteAbortedTransactions implements SQLExceptionOverride {

    private static final Set<Integer> MAY_END_THE_TRANSACTION = Set.of(SQLiteErrorCode.SQLITE_FULL.code,
            SQLiteErrorCode.SQLITE_IOERR.code, SQLiteErrorCode.SQLITE_BUSY.code, SQLiteErrorCode.SQLITE_NOMEM.code,
            SQLiteErrorCode.SQLITE_INTERRUPT.code);

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        return MAY_END_THE_TRANSACTION.contains(primaryCode(e)) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }

    /** SQLite's primary result code of {@code e} (extended codes carry it in their low byte), or -1. */
    static int primaryCode(SQLException e) {
        return e instanceof SQLiteException sqlite ? sqlite.getResultCode().code & 0xff : -1;
    }
}
