package io.batchcast.application.port.out;

import io.batchcast.domain.StoredEvent;
import java.util.List;
import java.util.Set;

/** Reads the streams' events back; bounded, indexed reads only. */
public interface EventLog {

    StreamWindow window(long strategyId);

    /** Events with sequence above {@code afterSeq}, ascending, at most {@code limit}. */
    List<StoredEvent> eventsAfter(long strategyId, long afterSeq, int limit);

    /**
     * The user's sequence (every event of the user's strategies, numbered in commit order): its head, and as oldest
     * the first number from which nothing of {@code strategyIds} (empty: of every strategy of the user) was pruned.
     */
    StreamWindow userWindow(String userId, Set<Long> strategyIds);

    /** The user's events with user sequence above {@code afterUserSeq}, ascending, at most {@code limit}. */
    List<StoredEvent> userEventsAfter(String userId, long afterUserSeq, int limit);
}
