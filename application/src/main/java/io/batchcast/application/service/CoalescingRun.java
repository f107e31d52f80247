package io.batchcast.application.service;

import io.batchcast.domain.OrderBatchEvent;
import io.batchcast.domain.StoredEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One subscriber's pending run of batch events (coalescing): events of one strategy that arrive within the window
 * of the first pending one are summed into one; the run goes out when the window closes (a timer), or earlier when
 * an event of another strategy or a period's summary arrives (those end a run, so every cursor stays exact: a merged
 * event carries the id of the last event it holds, and nothing of another strategy lies between its first and last).
 * A summary is never merged. Called from the publishing thread and the timer's; one lock keeps them in order.
 */
final class CoalescingRun {

    /** What leaves the run: an event as stored ({@code batchCount} 1), or a merged one under its last event's id. */
    record Released(StoredEvent event, int batchCount, Instant firstTimestamp) {
    }

    /** Runs a task once after a delay; the returned action cancels it. */
    @FunctionalInterface
    interface Timer {
        Runnable after(long millis, Runnable task);
    }

    private final long windowMillis;
    private final Clock clock;
    private final Timer timer;
    private final Consumer<Released> release;
    private final ReentrantLock lock = new ReentrantLock();
    private StoredEvent last;
    private OrderBatchEvent merged;
    private int count;
    private long startedAtMillis;
    private Instant firstTimestamp;
    private long generation;
    private Runnable cancelTimer = () -> { };

    CoalescingRun(long windowMillis, Clock clock, Timer timer, Consumer<Released> release) {
        this.windowMillis = windowMillis;
        this.clock = clock;
        this.timer = timer;
        this.release = release;
    }

    void offer(StoredEvent event) {
        lock.lock();
        try {
            Optional<OrderBatchEvent> batch = event.batchEvent();
            if (count > 0 && (batch.isEmpty() || event.strategyId() != last.strategyId()
                    || clock.millis() - startedAtMillis >= windowMillis)) {
                releasePending();
            }
            if (batch.isEmpty()) {
                release.accept(new Released(event, 1, event.event().timestamp()));
            } else if (count == 0) {
                start(event, batch.get());
            } else {
                merged = merged.mergedWith(batch.get());
                last = event;
                count++;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Sends what is pending now (the stream ends cleanly after it). */
    void flush() {
        lock.lock();
        try {
            if (count > 0) {
                releasePending();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Drops what is pending: the stream is gone. */
    void stop() {
        lock.lock();
        try {
            cancelTimer.run();
            generation++;
            clear();
        } finally {
            lock.unlock();
        }
    }

    private void start(StoredEvent event, OrderBatchEvent batch) {
        last = event;
        merged = batch;
        count = 1;
        startedAtMillis = clock.millis();
        firstTimestamp = batch.timestamp();
        long run = ++generation;
        cancelTimer = timer.after(windowMillis, () -> windowClosed(run));
    }

    private void windowClosed(long run) {
        lock.lock();
        try {
            if (run == generation && count > 0) {
                releasePending();
            }
        } finally {
            lock.unlock();
        }
    }

    private void releasePending() {
        cancelTimer.run();
        cancelTimer = () -> { };
        generation++;
        Released out = count == 1 ? new Released(last, 1, firstTimestamp)
                : new Released(new StoredEvent(last.id(), merged, last.userSeq()), count, firstTimestamp);
        clear();
        release.accept(out);
    }

    private void clear() {
        last = null;
        merged = null;
        count = 0;
        firstTimestamp = null;
    }
}
