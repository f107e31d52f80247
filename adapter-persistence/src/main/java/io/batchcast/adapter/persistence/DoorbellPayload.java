package io.batchcast.adapter.persistence;

import io.batchcast.application.port.in.EventDoorbellUseCase;
import java.lang.System.Logger.Level;

/** Parses a {@code <strategyId>:<seq>} notification and rings the doorbell; a bad one is logged and skipped. */
final class DoorbellPayload {

    private static final System.Logger LOG = System.getLogger(DoorbellPayload.class.getName());

    /** A payload names one or more events: {@code <strategyId>:<seq>}, comma-separated (one doorbell per group). */
    void ring(EventDoorbellUseCase doorbell, String payload) {
        if (payload == null) {
            LOG.log(Level.WARNING, "ignoring an empty doorbell payload");
            return;
        }
        for (String entry : payload.split(",")) {
            ringOne(doorbell, entry);
        }
    }

    private static void ringOne(EventDoorbellUseCase doorbell, String entry) {
        int colon = entry.indexOf(':');
        long strategyId;
        long seq;
        try {
            strategyId = Long.parseLong(entry.substring(0, colon));
            seq = Long.parseLong(entry.substring(colon + 1));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ignoring malformed doorbell payload ''{0}''", entry);
            return;
        }
        try {
            doorbell.ring(strategyId, seq);
        } catch (RuntimeException e) {
            // One failing delivery must not stop the doorbell for every other stream.
            LOG.log(Level.WARNING, "doorbell for stream " + strategyId + " failed", e);
        }
    }
}
