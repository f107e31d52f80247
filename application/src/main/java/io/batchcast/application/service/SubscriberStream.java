package io.batchcast.application.service;

import io.batchcast.application.port.in.DeliveryStream;
import io.batchcast.application.port.in.EventListener;
import io.batchcast.application.port.in.StreamEnd;
import io.batchcast.application.port.in.Subscription;
import io.batchcast.application.port.in.StreamCaller;
import io.batchcast.application.port.out.DeliveryObserver;
import io.batchcast.application.port.in.FrameSink;
import io.batchcast.application.port.in.StreamProtocol;
import io.batchcast.application.port.in.StreamProtocol.Keepalive;
import io.batchcast.application.service.SubscriberQueue.Entry;
import io.batchcast.domain.EventId;
import io.batchcast.domain.StoredEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One subscriber's stream, whatever its protocol. The feed calls {@link #onEvent} on its publishing thread, which
 * only queues the protocol's shared frame ({@link SubscriberQueue}); the thread that {@link #run}s the stream writes
 * them to the sink. A reader that falls a whole queue behind is cut off, so it never holds up the publisher or the
 * other readers; it resumes by its cursor. Frames that queued up while the writer was busy go out in one write, in
 * order: the bytes on the wire are the same, and a busy stream costs fewer wake-ups and system calls per frame.
 *
 * <p>A keepalive goes out in two halves, each after half an interval of quiet (or the second in front of the next
 * frame, whichever comes first): a client that closed its connection is only found by the second write after it
 * left, so writing at least every half interval finds it within one interval.
 *
 * <p>A stream that asked for coalescing passes its events through a {@link CoalescingRun} first: a run of one
 * strategy's batches goes out as one merged frame, encoded for this subscriber alone; other streams keep the shared
 * frames.
 */
final class SubscriberStream<F> implements DeliveryStream<F>, EventListener {

    /** Frames a writer takes from its queue for one write; bounds the bytes joined per write. */
    static final int MAX_FRAMES_PER_WRITE = 64;

    private final StreamCaller caller;
    private final StreamProtocol<F> protocol;
    private final boolean userPositions;
    private final int capacity;
    private final DeliveryObserver observer;
    private final Clock clock;
    private final Consumer<SubscriberStream<F>> release;
    private final SubscriberQueue<F> queue;
    private final Optional<Keepalive<F>> keepalive;
    private final KeepaliveTimer timer;
    /** Null when the stream does not coalesce. */
    private final CoalescingRun run;
    private final AtomicReference<StreamEnd> end = new AtomicReference<>();
    private volatile FrameSink<F> sink;
    private volatile Subscription subscription;
    /** The first half of a keepalive is written, the second not yet; only the writer thread uses it. */
    private boolean keepaliveOpen;

    /** @param userPositions whether cursors are positions in the user's sequence rather than a strategy's ids */
    /** @param coalesceMs the coalescing window, 0 for none */
    SubscriberStream(StreamCaller caller, StreamProtocol<F> protocol, boolean userPositions, int capacity,
            int coalesceMs, DeliveryObserver observer, Clock clock, ScheduledExecutorService timers,
            Consumer<SubscriberStream<F>> release) {
        this.caller = caller;
        this.protocol = protocol;
        this.userPositions = userPositions;
        this.capacity = capacity;
        this.observer = observer;
        this.clock = clock;
        this.release = release;
        this.queue = new SubscriberQueue<>(capacity);
        this.keepalive = protocol.keepalive();
        long keepaliveNanos = keepalive.map(k -> k.interval().toNanos()).orElse(Long.MAX_VALUE);
        this.timer = new KeepaliveTimer(timers, keepaliveNanos, queue::wakeUp);
        this.run = coalesceMs == 0 ? null
                : new CoalescingRun(coalesceMs, clock, (millis, task) -> schedule(timers, millis, task), this::send);
    }

    private static Runnable schedule(ScheduledExecutorService timers, long millis, Runnable task) {
        try {
            ScheduledFuture<?> scheduled = timers.schedule(task, millis, TimeUnit.MILLISECONDS);
            return () -> scheduled.cancel(false);
        } catch (RejectedExecutionException e) {
            return () -> { }; // shutting down: finish() sends what is pending
        }
    }

    String userId() {
        return caller.userId();
    }

    @Override
    public void onEvent(StoredEvent event) {
        if (end.get() != null) {
            return;
        }
        if (run != null) {
            run.offer(event);
        } else {
            send(new CoalescingRun.Released(event, 1, event.event().timestamp()));
        }
    }

    /** Queues one event's frame, or a merged run's (its lag counts from the first event it holds). */
    private void send(CoalescingRun.Released released) {
        if (end.get() != null) {
            return;
        }
        StoredEvent event = released.event();
        String cursor = userPositions ? Cursor.userText(new EventId(event.id().epoch(), event.userSeq()))
                : event.id().toString();
        Optional<F> frame = released.batchCount() > 1 ? protocol.coalesced(event, released.batchCount(), cursor)
                : protocol.event(event, cursor);
        if (frame.isEmpty()) {
            return;
        }
        SubscriberQueue.Offered offered = queue.offer(new Entry<>(frame.get(), true));
        switch (offered) {
            case BACKLOG -> observer.eventReplayed();
            case QUEUED -> observer.liveEventQueued(Duration.between(released.firstTimestamp(), clock.instant()));
            case FULL -> {
                if (end.compareAndSet(null, new StreamEnd.TooSlow(capacity))) {
                    observer.slowReaderEvicted();
                    abort();
                }
            }
        }
    }

    @Override
    public void onResync(Optional<EventId> head, String reason) {
        String headCursor = head.map(id -> userPositions ? Cursor.userText(id) : id.toString()).orElse("");
        observer.resyncSent();
        Optional<F> frame = protocol.resync(headCursor, reason);
        if (frame.isPresent()) {
            queue.offer(new Entry<>(frame.get(), false));
        } else {
            finish(new StreamEnd.CursorUnusable(headCursor, reason));
        }
    }

    /** The subscription is in place: what arrives from now on is live and bounded by the queue. */
    void joined(Subscription subscribed) {
        this.subscription = subscribed;
        queue.joined();
    }

    @Override
    public StreamEnd run(FrameSink<F> target) {
        this.sink = target;
        try {
            writeOpening();
            return drain();
        } catch (InterruptedException e) {
            return endWith(new StreamEnd.ShutDown());
        } catch (RuntimeException e) {
            // the write failed: the client went away, or we cut it off as too slow
            StreamEnd reason = endWith(new StreamEnd.ClientGone());
            if (reason instanceof StreamEnd.ClientGone) {
                observer.deadStreamRemoved();
            }
            return reason;
        } finally {
            discard();
        }
    }

    @Override
    public void discard() {
        boolean first = end.compareAndSet(null, new StreamEnd.ClientGone());
        Subscription current = subscription;
        if (current != null) {
            subscription = null;
            current.close();
        }
        if (run != null) {
            run.stop();
        }
        release.accept(this);
        if (first) {
            queue.offerEnd(); // a writer waiting for frames stops
        }
    }

    /** Ends the stream cleanly after the frames already queued (shutdown, or an unusable cursor). */
    void finish(StreamEnd reason) {
        if (run != null) {
            run.flush(); // a clean end sends the pending run first
        }
        endWith(reason);
        queue.offerEnd();
    }

    /** Cuts the connection at once, even if its writer is blocked on a stalled client. */
    void abort() {
        FrameSink<F> current = sink;
        if (current != null) {
            // closing a socket may wait on its locks; never do that on the publishing thread
            Thread.ofVirtual().name("stream-abort").start(current::abort);
        }
    }

    /** The opening frames and the replay, several a write; nothing of the replay stays referenced afterwards. */
    private void writeOpening() {
        List<Entry<F>> opening = new ArrayList<>();
        protocol.opening().forEach(frame -> opening.add(new Entry<>(frame, false)));
        opening.addAll(queue.takeBacklog());
        int endAt = indexOfEnd(opening);
        List<Entry<F>> frames = endAt >= 0 ? opening.subList(0, endAt) : opening;
        for (int from = 0; from < frames.size(); from += MAX_FRAMES_PER_WRITE) {
            write(frames.subList(from, Math.min(frames.size(), from + MAX_FRAMES_PER_WRITE)));
        }
        if (endAt >= 0) {
            queue.offerEnd(); // the end came during the replay: the drain loop sees it first
        }
    }

    private StreamEnd drain() throws InterruptedException {
        long expiresAt = System.nanoTime() + nanosUntilExpiry();
        timer.start(expiresAt);
        try {
            List<Entry<F>> taken = new ArrayList<>();
            while (true) {
                if (System.nanoTime() - expiresAt >= 0) {
                    endKeepalive();
                    return endWith(new StreamEnd.TokenExpired());
                }
                // what queued up behind the first frame while this thread was waking goes out in the same write
                taken.add(queue.take());
                queue.drainWaiting(taken, MAX_FRAMES_PER_WRITE - 1);
                boolean ended = writeTaken(taken);
                taken.clear();
                if (ended) {
                    endKeepalive();
                    return end.get();
                }
            }
        } finally {
            timer.stop();
        }
    }

    /**
     * Writes the frames before the end marker, if any, as one write (behind the second half of an open keepalive),
     * or the next half of a keepalive when the timer woke a quiet stream; true when the end marker was among them.
     */
    private boolean writeTaken(List<Entry<F>> taken) {
        int endAt = indexOfEnd(taken);
        List<Entry<F>> frames = endAt >= 0 ? taken.subList(0, endAt) : taken;
        boolean woken = frames.removeIf(SubscriberQueue::isWakeUp);
        if (!frames.isEmpty()) {
            int live = frames.size();
            if (keepaliveOpen) {
                frames.addFirst(new Entry<>(keepalive.orElseThrow().secondHalf(), false));
                observer.heartbeatSent();
            }
            write(frames);
            queue.written(live);
            keepaliveOpen = false;
        } else if (woken && keepalive.isPresent() && timer.keepaliveDue()) {
            Keepalive<F> k = keepalive.get();
            write(List.of(new Entry<>(keepaliveOpen ? k.secondHalf() : k.firstHalf(), false)));
            if (keepaliveOpen) {
                observer.heartbeatSent(); // a keepalive counts once it is complete
            }
            keepaliveOpen = !keepaliveOpen;
        }
        return endAt >= 0;
    }

    /** A stream that ends cleanly ends on a frame boundary. */
    private void endKeepalive() {
        if (keepaliveOpen) {
            write(List.of(new Entry<>(keepalive.orElseThrow().secondHalf(), false)));
            observer.heartbeatSent();
            keepaliveOpen = false;
        }
    }

    private void write(List<Entry<F>> entries) {
        if (entries.isEmpty()) {
            return;
        }
        if (end.get() instanceof StreamEnd.TooSlow) {
            throw new IllegalStateException("stream was cut off as too slow");
        }
        List<F> frames = new ArrayList<>(entries.size());
        int events = 0;
        for (Entry<F> entry : entries) {
            frames.add(entry.frame());
            events += entry.event() ? 1 : 0;
        }
        sink.write(frames);
        timer.written();
        if (events > 0) {
            observer.eventsWritten(events);
        }
    }

    /** A token valid for more than a century (or {@code Instant.MAX}: the protocol does not know) never ends it. */
    private long nanosUntilExpiry() {
        Duration left = Duration.between(clock.instant(), caller.tokenExpiresAt());
        return left.compareTo(Duration.ofDays(36_500)) > 0 ? Long.MAX_VALUE / 4 : Math.max(0, left.toNanos());
    }

    private static <F> int indexOfEnd(List<Entry<F>> entries) {
        for (int i = 0; i < entries.size(); i++) {
            if (SubscriberQueue.isEnd(entries.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** The first reason wins: a stream cut off as too slow stays "too slow" when its write then fails. */
    private StreamEnd endWith(StreamEnd reason) {
        end.compareAndSet(null, reason);
        return end.get();
    }
}
