package io.batchcast.benchmark.measure;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Fires sends on a fixed schedule (send i is due at start + i / rate) whatever the responses do: a send that is
 * late because the machine stalled goes out at once, still stamped with its due time, so the stall shows up in the
 * latencies instead of silently lowering the rate.
 */
public final class OpenLoopSender {

    private final double perSecond;

    public OpenLoopSender(double perSecond) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive, was " + perSecond);
        }
        this.perSecond = perSecond;
    }

    /** The due time of send {@code i} of a schedule that starts at {@code startNanos}. */
    public long dueNanos(long startNanos, long i) {
        return startNanos + (long) (i * 1_000_000_000d / perSecond);
    }

    /** Runs the schedule for {@code duration}; {@code send} receives each send's due time. Returns the sends made. */
    public long run(long durationNanos, LongConsumer send) {
        long start = System.nanoTime();
        long end = start + durationNanos;
        long i = 0;
        for (long due = dueNanos(start, i); due < end; due = dueNanos(start, ++i)) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            send.accept(due);
        }
        return i;
    }

    public static long seconds(double s) {
        return (long) (s * TimeUnit.SECONDS.toNanos(1));
    }
}
