package io.batchcast.application.service;

import io.batchcast.application.port.out.EventLog;
import io.batchcast.application.port.out.StreamWindow;
import io.batchcast.domain.StoredEvent;
import java.util.List;
import java.util.Set;

/** A numbered, gap-free run of events a {@link StreamHub} delivers: one strategy's, or one user's across strategies. */
sealed interface EventSequence {

    /** The window, judged for subscribers of {@code strategyIds} (empty: all). */
    StreamWindow window(Set<Long> strategyIds);

    List<StoredEvent> after(long seq, int limit);

    long seqOf(StoredEvent event);

    record OfStrategy(EventLog log, long strategyId) implements EventSequence {
        @Override
        public StreamWindow window(Set<Long> strategyIds) {
            return log.window(strategyId);
        }

        @Override
        public List<StoredEvent> after(long seq, int limit) {
            return log.eventsAfter(strategyId, seq, limit);
        }

        @Override
        public long seqOf(StoredEvent event) {
            return event.id().seq();
        }

        @Override
        public String toString() {
            return "stream " + strategyId;
        }
    }

    record OfUser(EventLog log, String userId) implements EventSequence {
        @Override
        public StreamWindow window(Set<Long> strategyIds) {
            return log.userWindow(userId, strategyIds);
        }

        @Override
        public List<StoredEvent> after(long seq, int limit) {
            return log.userEventsAfter(userId, seq, limit);
        }

        @Override
        public long seqOf(StoredEvent event) {
            return event.userSeq();
        }

        @Override
        public String toString() {
            return "the sequence of a user";
        }
    }
}
