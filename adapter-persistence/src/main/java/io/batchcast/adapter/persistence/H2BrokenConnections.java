package io.batchcast.adapter.persistence;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;

/**
 * Tells Hikari which H2 errors mean the connection is dead. H2 reports them with its own SQLStates (not the standard
 * 08xxx that Hikari recognizes), so without this a connection to an H2 server that went away would be handed out
 * again and again, and the pool would never heal.
 */
final class H2BrokenConnections implements SQLExceptionOverride {

    /** CONNECTION_BROKEN_1, DATABASE_IS_CLOSED, DATABASE_CALLED_AT_SHUTDOWN (also: "this connection is closed"). */
    private static final Set<Integer> DEAD_CONNECTION = Set.of(90067, 90098, 90121);

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        return DEAD_CONNECTION.contains(e.getErrorCode()) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
