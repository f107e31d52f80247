package io.batchcast.archfixtures.adapterisolation.adapter.sse;

import io.batchcast.archfixtures.adapterisolation.adapter.persistence.JdbcEventLog;

/** Planted: the SSE adapter reading the persistence adapter directly instead of through an application port. */
public class ReplayingEventStream {

    private final JdbcEventLog eventLog = new JdbcEventLog();

    long head() {
        return eventLog.headSequence();
    }
}
