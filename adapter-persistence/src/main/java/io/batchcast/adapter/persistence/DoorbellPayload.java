package io.batchcast.adapter.persistence;

import io.batchcast.application.port.in.EventDoorbellUseCase;
import java.lang.System.Logger.Level;

/** Parses a {@code <strategyId>:<seq>} notification and rings the doorbell; a bad one is logged and skipped. */
final class DoorbellPayload {

    private static final System.Logger LOG = System.getLogger(DoorbellPayload.class.getName());

    void ring(EventDoorbellUseCase doorbell, String payload) {
        int colon = payload == null ? -1 : payload.indexOf(':');
        long strategyId;
        long seq;
        try {
            strategyId = Long.parseLong(payload.substring(0, colon));
            seq = Long.parseLong(payload.substring(colon + 1));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ignoring malformed doorbell payload ''{0}''", payload);
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
