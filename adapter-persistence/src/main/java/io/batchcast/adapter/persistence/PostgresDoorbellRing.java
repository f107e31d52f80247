package io.batchcast.adapter.persistence;

import io.batchcast.domain.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Rings the cross-instance doorbell for a committed group: one {@code NOTIFY} naming every event the group appended,
 * sent after the commit and outside the writing transaction. A transaction that notifies takes a cluster-wide lock
 * at commit that serializes every such committer; outside it, writers never wait for each other here. If the
 * notify is lost (the database fails right after the commit), nothing is lost: other instances read the events from
 * the log at the stream's next doorbell.
 */
final class PostgresDoorbellRing implements GroupCommitter.AfterCommit {

    /** The PostgreSQL channel of the cross-instance doorbell; the payload is {@code <strategyId>:<seq>[,…]}. */
    static final String CHANNEL = "batchcast_events";
    /** PostgreSQL's payload limit is 8000 bytes; the payload is ASCII. */
    static final int MAX_PAYLOAD = 7_900;

    @Override
    public void run(Connection connection, List<Object> results) throws SQLException {
        StringBuilder payload = new StringBuilder();
        for (Object result : results) {
            // The recorder's work answers Optional<StoredEvent>; other members (intents) append no event.
            if (result instanceof Optional<?> optional && optional.orElse(null) instanceof StoredEvent event) {
                String entry = event.event().strategyId() + ":" + event.id().seq();
                if (payload.length() + entry.length() + 1 > MAX_PAYLOAD) {
                    notify(connection, payload.toString());
                    payload.setLength(0);
                }
                payload.append(payload.isEmpty() ? "" : ",").append(entry);
            }
        }
        if (!payload.isEmpty()) {
            notify(connection, payload.toString());
        }
    }

    private static void notify(Connection connection, String payload) throws SQLException {
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, payload);
            notify.execute();
        }
    }
}
