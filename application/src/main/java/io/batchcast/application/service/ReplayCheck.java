package io.batchcast.application.service;

import io.batchcast.domain.EventId;

/** Decides whether a client's cursor can be honoured, and if not, why (sent to the client with the resync). */
final class ReplayCheck {

    private ReplayCheck() {
    }

    /** {@code null} when every event after the cursor can be replayed. */
    static String problem(EventId cursor, String epoch, long oldestSeq, long headSeq, int maxReplay) {
        if (!cursor.epoch().equals(epoch)) {
            return "cursor_from_another_database";
        }
        if (cursor.seq() > headSeq) {
            return "cursor_ahead_of_head";
        }
        if (cursor.seq() + 1 < oldestSeq) {
            return "cursor_outside_retention";
        }
        if (headSeq - cursor.seq() > maxReplay) {
            return "too_many_missed_events";
        }
        return null;
    }
}
