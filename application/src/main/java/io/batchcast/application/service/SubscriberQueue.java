package io.batchcast.application.service;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The frames one stream still has to write. Frames offered while the subscription is being set up (the replay, or
 * a resync) go to an unbounded backlog: the feed replays up to its own limit before the stream can start writing,
 * and that must not count as falling behind. Once {@link #joined()}, frames go to a bounded queue, and a full queue
 * means the reader is too slow: frames count from when they are offered until they are {@link #written}, so the
 * ones the writer has taken but not yet written count too. A coalescing stream merges its runs before they get here
 * ({@link CoalescingRun}): a merged event takes one slot, like any frame.
 *
 * <p>The queue is a {@link ConcurrentLinkedQueue} with one waiting writer, parked and unparked directly: it takes
 * memory per frame waiting, not per slot allowed, so an idle stream, which is most of them, holds no slots at all, and
 * it holds no locks or conditions either. An idle stream's writer parks right in {@link #take()}, with no lock's
 * frames under it: a virtual thread's parked stack is part of what every idle connection costs.
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

    private final ConcurrentLinkedQueue<Entry<F>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger unwritten = new AtomicInteger();
    private final int capacity;
    /** The writer while it waits in {@link #take()}; there is only one. */
    private volatile Thread waiting;
    private ArrayDeque<Entry<F>> backlog; // guarded by this, like joined
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
        synchronized (this) {
            if (!joined) {
                if (backlog == null) {
                    backlog = new ArrayDeque<>();
                }
                backlog.add(entry);
                return Offered.BACKLOG;
            }
        }
        if (entry.frame() != null && unwritten.incrementAndGet() > capacity) {
            unwritten.decrementAndGet();
            return Offered.FULL;
        }
        add(entry);
        return Offered.QUEUED;
    }

    private void add(Entry<F> entry) {
        queue.add(entry);
        Thread writer = waiting;
        if (writer != null) {
            LockSupport.unpark(writer);
        }
    }

    /** The writer wrote this many live frames: they no longer count against the capacity. */
    void written(int frames) {
        unwritten.addAndGet(-frames);
    }

    /** The subscription is in place: from now on frames are live and bounded. */
    synchronized void joined() {
        joined = true;
    }

    /** The entries offered before {@link #joined()}, in order; called once, by the writer, after joining. */
    synchronized List<Entry<F>> takeBacklog() {
        List<Entry<F>> entries = backlog == null ? List.of() : List.copyOf(backlog);
        backlog = null;
        return entries;
    }

    /** The next live entry, waiting as long as it takes ({@link #wakeUp()} ends a wait without a frame). */
    Entry<F> take() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException(); // as a blocking queue's take: an interrupted writer stops even when busy
        }
        Entry<F> entry = queue.poll();
        if (entry != null) {
            return entry;
        }
        waiting = Thread.currentThread();
        try {
            // seen as waiting before looking again: an entry added after this poll unparks us (a permit given before
            // the park makes the park return at once), so none is missed
            while ((entry = queue.poll()) == null) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                LockSupport.park(this);
            }
            return entry;
        } finally {
            waiting = null;
        }
    }

    /**
     * Wakes a writer that is waiting for frames. Only when none are waiting: a writer with frames to take is not
     * waiting, and the marker then never takes a slot that a frame could need.
     */
    @SuppressWarnings("unchecked")
    void wakeUp() {
        if (queue.isEmpty()) {
            add(WAKE_UP);
        }
    }

    /** Moves up to {@code max} entries that are already waiting, in order, into {@code into}, without waiting. */
    void drainWaiting(List<Entry<F>> into, int max) {
        Entry<F> entry;
        for (int n = 0; n < max && (entry = queue.poll()) != null; n++) {
            into.add(entry);
        }
    }

    /** Asks the writer to stop after what is queued (in the backlog before joining). */
    @SuppressWarnings("unchecked")
    void offerEnd() {
        offer(END_OF_STREAM);
    }
}
