package io.batchcast.application.port.out;

import io.batchcast.domain.StoredEvent;
import java.util.List;

/** Reads the stream's events back; bounded, indexed reads only. */
public interface EventLog {

    StreamWindow window(long strategyId);

    /** Events with sequence above {@code afterSeq}, ascending, at most {@code limit}. */
    List<StoredEvent> eventsAfter(long strategyId, long afterSeq, int limit);
}
