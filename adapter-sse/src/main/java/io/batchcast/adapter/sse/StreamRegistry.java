package io.batchcast.adapter.sse;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The open streams of this instance: enforces the per-user limit, and ends every stream at shutdown (cleanly first,
 * then by cutting the ones whose readers do not let them finish).
 */
final class StreamRegistry {

    enum Admission { ADMITTED, OVER_LIMIT, SHUTTING_DOWN }

    private final int maxStreamsPerUser;
    private final StreamCounters counters;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition emptied = lock.newCondition();
    private final Map<String, Integer> streamsPerUser = new HashMap<>();
    private final Set<EventStreamConnection> open = new HashSet<>();
    private boolean shuttingDown;

    StreamRegistry(int maxStreamsPerUser, StreamCounters counters) {
        this.maxStreamsPerUser = maxStreamsPerUser;
        this.counters = counters;
    }

    Admission admit(EventStreamConnection connection) {
        lock.lock();
        try {
            if (shuttingDown) {
                return Admission.SHUTTING_DOWN;
            }
            int current = streamsPerUser.getOrDefault(connection.userId(), 0);
            if (current >= maxStreamsPerUser) {
                return Admission.OVER_LIMIT;
            }
            streamsPerUser.put(connection.userId(), current + 1);
            open.add(connection);
            counters.streamOpened();
            return Admission.ADMITTED;
        } finally {
            lock.unlock();
        }
    }

    void release(EventStreamConnection connection) {
        lock.lock();
        try {
            if (!open.remove(connection)) {
                return;
            }
            streamsPerUser.computeIfPresent(connection.userId(), (user, count) -> count > 1 ? count - 1 : null);
            counters.streamClosed();
            if (open.isEmpty()) {
                emptied.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses new streams, asks every open one to end after what it has queued, waits up to {@code grace}, then cuts
     * the rest. Returns once every stream is gone or cut.
     */
    void closeAll(Duration grace) {
        for (EventStreamConnection connection : stopAdmitting()) {
            connection.finish(StreamEnd.SHUTDOWN);
        }
        lock.lock();
        try {
            long remaining = grace.toNanos();
            while (!open.isEmpty() && remaining > 0) {
                remaining = emptied.awaitNanos(remaining);
            }
            open.forEach(EventStreamConnection::abort);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            open.forEach(EventStreamConnection::abort);
        } finally {
            lock.unlock();
        }
    }

    private List<EventStreamConnection> stopAdmitting() {
        lock.lock();
        try {
            shuttingDown = true;
            return List.copyOf(open);
        } finally {
            lock.unlock();
        }
    }
}
