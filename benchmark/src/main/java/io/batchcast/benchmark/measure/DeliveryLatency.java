package io.batchcast.benchmark.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latency from each batch's <em>intended</em> send time to each reader's parse of its SSE frame. The frame may
 * arrive before the submit response that names the batch, so both sides meet at the batch id: whichever comes second
 * records. Measuring from the intended (scheduled) time, not the actual send, keeps a stalled sender from hiding
 * the delay it causes (no coordinated omission). Batches intended before {@code recordFrom} are warm-up.
 */
public final class DeliveryLatency {

    private static final long MAX_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(120);

    private final ConcurrentHistogram histogram = new ConcurrentHistogram(MAX_TRACKABLE_NANOS, 3);
    private final ConcurrentHashMap<String, Meeting> meetings = new ConcurrentHashMap<>();
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong expected = new AtomicLong();
    private volatile long recordFrom;

    public void recordFrom(long nanoTime) {
        recordFrom = nanoTime;
    }

    /** The server accepted the batch sent for {@code intendedNanos}; {@code readers} frames are due. */
    public void accepted(String batchId, long intendedNanos, int readers) {
        if (intendedNanos >= recordFrom) {
            expected.addAndGet(readers);
        }
        Meeting meeting = meetings.computeIfAbsent(batchId, id -> new Meeting());
        List<Long> early;
        synchronized (meeting) {
            meeting.intendedNanos = intendedNanos;
            early = meeting.early;
            meeting.early = null;
        }
        if (early != null) {
            early.forEach(received -> record(intendedNanos, received));
        }
    }

    /** A reader parsed the frame of {@code batchId} at {@code receivedNanos}. */
    public void delivered(String batchId, long receivedNanos) {
        Meeting meeting = meetings.computeIfAbsent(batchId, id -> new Meeting());
        long intended;
        synchronized (meeting) {
            intended = meeting.intendedNanos;
            if (intended == Long.MIN_VALUE) {
                meeting.early.add(receivedNanos);
                return;
            }
        }
        record(intended, receivedNanos);
    }

    private void record(long intendedNanos, long receivedNanos) {
        if (intendedNanos < recordFrom) {
            return;
        }
        deliveries.incrementAndGet();
        histogram.recordValue(Math.min(Math.max(receivedNanos - intendedNanos, 0), MAX_TRACKABLE_NANOS));
    }

    /** Recorded deliveries (after warm-up). */
    public long deliveries() {
        return deliveries.get();
    }

    /** Deliveries due for batches the server accepted after warm-up; the gap to {@link #deliveries()} is loss. */
    public long expectedDeliveries() {
        return expected.get();
    }

    public Histogram snapshot() {
        return histogram.copy();
    }

    private static final class Meeting {
        long intendedNanos = Long.MIN_VALUE;
        List<Long> early = new ArrayList<>(2);
    }
}
