package io.batchcast.adapter.grpc;

import io.grpc.StatusRuntimeException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The open StreamOrderBatchEvents calls: counted per user, so that one user cannot hold unbounded server memory with
 * streams, and listed, so that shutdown can end them at once instead of waiting for clients that never hang up.
 * Per-user entries disappear at zero, so the map only holds users that are streaming right now.
 */
final class OpenStreams {

    private final int maxPerUser;
    private final ConcurrentMap<String, Integer> perUser = new ConcurrentHashMap<>();
    private final Set<EventStreamCall> calls = ConcurrentHashMap.newKeySet();

    OpenStreams(int maxPerUser) {
        this.maxPerUser = maxPerUser;
    }

    int maxPerUser() {
        return maxPerUser;
    }

    /** Registers the call unless the user already has {@link #maxPerUser()} open. */
    boolean tryOpen(String userId, EventStreamCall call) {
        boolean[] granted = {false};
        perUser.compute(userId, (user, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerUser) {
                return count;
            }
            granted[0] = true;
            return current + 1;
        });
        if (granted[0]) {
            calls.add(call);
        }
        return granted[0];
    }

    void closed(String userId, EventStreamCall call) {
        if (calls.remove(call)) {
            perUser.computeIfPresent(userId, (user, count) -> count <= 1 ? null : count - 1);
        }
    }

    int openFor(String userId) {
        return perUser.getOrDefault(userId, 0);
    }

    void endAll(StatusRuntimeException status) {
        for (EventStreamCall call : calls) {
            call.end(status, true);
        }
    }
}
