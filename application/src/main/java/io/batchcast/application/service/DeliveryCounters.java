package io.batchcast.application.service;

import io.batchcast.application.port.out.DeliveryObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * What event delivery did since start, over every protocol, for export as metrics (read when scraped). Counters
 * only grow, except {@link #openStreams()}. The lag of live events is kept as a cumulative histogram over
 * {@link #LAG_BUCKETS}. Cheap to update from many threads at once.
 */
public final class DeliveryCounters implements DeliveryObserver {

    /** Upper bounds of the lag histogram's buckets (plus one for everything above). */
    public static final List<Duration> LAG_BUCKETS = List.of(Duration.ofMillis(1), Duration.ofMillis(2),
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(5));

    private final AtomicLong openStreams = new AtomicLong();
    private final LongAdder streamsOpened = new LongAdder();
    private final LongAdder streamsRefused = new LongAdder();
    private final LongAdder eventsDelivered = new LongAdder();
    private final LongAdder heartbeatsSent = new LongAdder();
    private final LongAdder replayedEvents = new LongAdder();
    private final LongAdder resyncsSent = new LongAdder();
    private final LongAdder slowReaderEvictions = new LongAdder();
    private final LongAdder deadStreamsRemoved = new LongAdder();
    private final LongAdder framesEncoded = new LongAdder();
    private final LongAdder framesShared = new LongAdder();
    private final LongAdder[] lagBuckets = new LongAdder[LAG_BUCKETS.size()];
    private final LongAdder lagCount = new LongAdder();
    private final LongAdder lagNanos = new LongAdder();

    private final Consumer<Duration> lagRecorder;

    public DeliveryCounters() {
        this(lag -> { });
    }

    /** As above, also handing each live event's lag to {@code lagRecorder} (a metrics histogram); must not block. */
    public DeliveryCounters(Consumer<Duration> lagRecorder) {
        this.lagRecorder = lagRecorder;
        for (int i = 0; i < lagBuckets.length; i++) {
            lagBuckets[i] = new LongAdder();
        }
    }

    /** Streams open right now. */
    public long openStreams() {
        return openStreams.get();
    }

    /** Streams admitted. */
    public long streamsOpened() {
        return streamsOpened.sum();
    }

    /** Stream requests refused by the core (limit, unknown strategy, store, shutdown). */
    public long streamsRefused() {
        return streamsRefused.sum();
    }

    /** Event frames written to clients (one per event per subscriber). */
    public long eventsDelivered() {
        return eventsDelivered.sum();
    }

    public long heartbeatsSent() {
        return heartbeatsSent.sum();
    }

    /** Events a reconnecting client got from the log (its cursor was honoured) before going live. */
    public long replayedEvents() {
        return replayedEvents.sum();
    }

    /** Cursors that could not be honoured. */
    public long resyncsSent() {
        return resyncsSent.sum();
    }

    /** Streams closed because their reader fell a whole queue behind. */
    public long slowReaderEvictions() {
        return slowReaderEvictions.sum();
    }

    /** Streams whose client was gone, found when a write failed. */
    public long deadStreamsRemoved() {
        return deadStreamsRemoved.sum();
    }

    /** Event frames encoded; with many subscribers per stream this stays at one per event and protocol. */
    public long framesEncoded() {
        return framesEncoded.sum();
    }

    /** Event frames taken from the cache instead of encoding them again. */
    public long framesShared() {
        return framesShared.sum();
    }

    /** Live events whose lag was at most {@code LAG_BUCKETS.get(bucket)}. */
    public long lagAtMost(int bucket) {
        long sum = 0;
        for (int i = 0; i <= bucket; i++) {
            sum += lagBuckets[i].sum();
        }
        return sum;
    }

    public long lagCount() {
        return lagCount.sum();
    }

    public double lagSeconds() {
        return lagNanos.sum() / 1e9;
    }

    @Override
    public void streamOpened() {
        openStreams.incrementAndGet();
        streamsOpened.increment();
    }

    @Override
    public void streamClosed() {
        openStreams.decrementAndGet();
    }

    @Override
    public void streamRefused() {
        streamsRefused.increment();
    }

    @Override
    public void liveEventQueued(Duration lag) {
        Duration measured = lag.isNegative() ? Duration.ZERO : lag;
        for (int i = 0; i < lagBuckets.length; i++) {
            if (measured.compareTo(LAG_BUCKETS.get(i)) <= 0) {
                lagBuckets[i].increment();
                break;
            }
        }
        lagCount.increment();
        lagNanos.add(measured.toNanos());
        lagRecorder.accept(measured);
    }

    @Override
    public void eventReplayed() {
        replayedEvents.increment();
    }

    @Override
    public void eventsWritten(int count) {
        eventsDelivered.add(count);
    }

    @Override
    public void heartbeatSent() {
        heartbeatsSent.increment();
    }

    @Override
    public void resyncSent() {
        resyncsSent.increment();
    }

    @Override
    public void slowReaderEvicted() {
        slowReaderEvictions.increment();
    }

    @Override
    public void deadStreamRemoved() {
        deadStreamsRemoved.increment();
    }

    @Override
    public void frameEncoded() {
        framesEncoded.increment();
    }

    @Override
    public void frameShared() {
        framesShared.increment();
    }
}
