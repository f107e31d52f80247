package io.batchcast.adapter.persistence;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;

/**
 * Tells Hikari which H2 errors mean the connection is dead. H2 reports them with its own SQLStates (not the standard
 * 08xxx that Hikari recognizes), so without this a connection to an H2 server that went away would be handed out
 * again and again, and the pool would never heal. When H2 says the database itself was closed (it closes an embedded
 * database after a write to its file failed, e.g. on a full disk), every connection of the pool is on that closed
 * database: {@code onDatabaseClosed} then evicts them all at once, and the next connection opens it again, instead of
 * each of them failing one more caller first.
 */
final class H2BrokenConnections implements SQLExceptionOverride {

    /** CONNECTION_BROKEN_1, DATABASE_IS_CLOSED, DATABASE_CALLED_AT_SHUTDOWN (also: "this connection is closed"). */
    private static final Set<Integer> DEAD_CONNECTION = Set.of(90067, 90098, 90121);
    private static final int DATABASE_IS_CLOSED = 90098;

    private final Runnable onDatabaseClosed;

    H2BrokenConnections(Runnable onDatabaseClosed) {
        this.onDatabaseClosed = onDatabaseClosed;
    }

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        if (e.getErrorCode() == DATABASE_IS_CLOSED) {
            onDatabaseClosed.run();
        }
        return DEAD_CONNECTION.contains(e.getErrorCode()) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
