package io.batchcast.application.service;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The frames one stream still has to write. Frames offered while the subscription is being set up (the replay, or
 * a resync) go to an unbounded backlog: the feed replays up to its own limit before the stream can start writing,
 * and that must not count as falling behind. Once {@link #joined()}, frames go to a bounded queue, and a full queue
 * means the reader is too slow: frames count from when they are offered until they are {@link #written}, so the
 * ones the writer has taken but not yet written count too. A coalescing stream merges its runs before they get here
 * ({@link CoalescingRun}): a merged event takes one slot, like any frame.
 *
 * <p>The queue is a {@link LinkedBlockingQueue}: it takes memory per frame waiting, not per slot allowed, so an idle
 * stream, which is most of them, holds no slots at all.
 */
final class SubscriberQueue<F> {

    /** A frame to write, and whether it is an event (for counting). {@code frame} is null for the markers. */
    record Entry<F>(F frame, boolean event) {
    }

    enum Offered { BACKLOG, QUEUED, FULL }

    @SuppressWarnings("rawtypes")
    private static final Entry END_OF_STREAM = new Entry<>(null, false);
    /** Not written: makes a waiting writer look at the clock (heartbeat due, or the token expired). */
    @SuppressWarnings("rawtypes")
    private static final Entry WAKE_UP = new Entry<>(null, false);

    private final ReentrantLock joinLock = new ReentrantLock();
    private final LinkedBlockingQueue<Entry<F>> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger unwritten = new AtomicInteger();
    private final int capacity;
    private ArrayDeque<Entry<F>> backlog;
    private boolean joined;

    SubscriberQueue(int capacity) {
        this.capacity = capacity;
    }

    @SuppressWarnings("unchecked")
    static <F> boolean isEnd(Entry<F> entry) {
        return entry == END_OF_STREAM;
    }

    static <F> boolean isWakeUp(Entry<F> entry) {
        return entry == WAKE_UP;
    }

    Offered offer(Entry<F> entry) {
        joinLock.lock();
        try {
            if (!joined) {
                if (backlog == null) {
                    backlog = new ArrayDeque<>();
                }
                backlog.add(entry);
                return Offered.BACKLOG;
            }
        } finally {
            joinLock.unlock();
        }
        if (entry.frame() != null && unwritten.incrementAndGet() > capacity) {
            unwritten.decrementAndGet();
            return Offered.FULL;
        }
        queue.add(entry);
        return Offered.QUEUED;
    }

    /** The writer wrote this many live frames: they no longer count against the capacity. */
    void written(int frames) {
        unwritten.addAndGet(-frames);
    }

    /** The subscription is in place: from now on frames are live and bounded. */
    void joined() {
        joinLock.lock();
        try {
            joined = true;
        } finally {
            joinLock.unlock();
        }
    }

    /** The entries offered before {@link #joined()}, in order; called once, by the writer, after joining. */
    List<Entry<F>> takeBacklog() {
        joinLock.lock();
        try {
            List<Entry<F>> entries = backlog == null ? List.of() : List.copyOf(backlog);
            backlog = null;
            return entries;
        } finally {
            joinLock.unlock();
        }
    }

    /** The next live entry, waiting as long as it takes ({@link #wakeUp()} ends a wait without a frame). */
    Entry<F> take() throws InterruptedException {
        return queue.take();
    }

    /**
     * Wakes a writer that is waiting for frames. Only when none are waiting: a writer with frames to take is not
     * waiting, and the marker then never takes a slot that a frame could need.
     */
    @SuppressWarnings("unchecked")
    void wakeUp() {
        if (queue.isEmpty()) {
            queue.offer(WAKE_UP);
        }
    }

    /** Moves up to {@code max} entries that are already waiting, in order, into {@code into}, without waiting. */
    void drainWaiting(List<Entry<F>> into, int max) {
        queue.drainTo(into, max);
    }

    /** Asks the writer to stop after what is queued (in the backlog before joining). */
    @SuppressWarnings("unchecked")
    void offerEnd() {
        offer(END_OF_STREAM);
    }
}
