package io.batchcast.adapter.sse;

import io.batchcast.application.port.in.EventListener;
import io.batchcast.domain.EventId;
import io.batchcast.domain.StoredEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One client's stream. The application calls {@link #onEvent} on its publishing thread, which only queues the
 * shared frame bytes; the request's own virtual thread drains the queue to the socket ({@link #stream}). Frames
 * queued while subscribing (the replay) go to an unbounded backlog, because the application replays up to its own
 * limit before the stream can start; from then on the queue is bounded, and a reader that falls a whole queue behind
 * is cut off so that it never holds up the publisher or the other readers. It resumes by its cursor.
 */
final class EventStreamConnection implements EventListener {

    private record Frame(byte[] bytes, boolean event) {
    }

    private static final Frame END_OF_STREAM = new Frame(new byte[0], false);

    private final Caller caller;
    private final long strategyId;
    private final SseSettings settings;
    private final FrameCache frames;
    private final StreamCounters counters;
    private final Clock clock;
    private final ReentrantLock joinLock = new ReentrantLock();
    private final ArrayDeque<Frame> backlog = new ArrayDeque<>();
    private final BlockingQueue<Frame> queue;
    private boolean joined;
    private final AtomicReference<StreamEnd> end = new AtomicReference<>();
    private volatile EventStreamSink sink;

    EventStreamConnection(Caller caller, long strategyId, SseSettings settings, FrameCache frames,
            StreamCounters counters, Clock clock) {
        this.caller = caller;
        this.strategyId = strategyId;
        this.settings = settings;
        this.frames = frames;
        this.counters = counters;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    }

    String userId() {
        return caller.userId();
    }

    long strategyId() {
        return strategyId;
    }

    @Override
    public void onEvent(StoredEvent event) {
        if (end.get() == null) {
            enqueue(new Frame(frames.frameFor(event), true));
        }
    }

    @Override
    public void onResync(Optional<EventId> head, String reason) {
        counters.resyncSent();
        enqueue(new Frame(EventFrames.resync(head, reason), false));
    }

    /** The subscription is in place: what arrives from now on is live and bounded by the queue. */
    void joined() {
        joinLock.lock();
        try {
            joined = true;
        } finally {
            joinLock.unlock();
        }
    }

    /**
     * Writes the stream until it ends, on the calling (request) thread: the retry field, the replay, then live
     * frames, with a heartbeat after each quiet interval, and an end at the token's expiry.
     */
    StreamEnd stream(EventStreamSink sink) {
        this.sink = sink;
        try {
            write(new Frame(EventFrames.retry(settings.retry()), false));
            for (Frame frame : backlog) {
                write(frame);
            }
            backlog.clear();
            return drain();
        } catch (InterruptedException e) {
            return endWith(StreamEnd.SHUTDOWN);
        } catch (RuntimeException e) {
            // the write failed: the client went away, or we cut it off as too slow
            StreamEnd reason = endWith(StreamEnd.CLIENT_GONE);
            if (reason == StreamEnd.CLIENT_GONE) {
                counters.deadStreamRemoved();
            }
            return reason;
        }
    }

    /** Ends the stream cleanly after the frames already queued (shutdown). */
    void finish(StreamEnd reason) {
        endWith(reason);
        if (!queue.offer(END_OF_STREAM)) {
            abort();
        }
    }

    /** Cuts the connection at once, even if its writer is blocked on a stalled socket. */
    void abort() {
        EventStreamSink current = sink;
        if (current != null) {
            // closing a socket may wait on its locks; never do that on the publishing thread
            Thread.ofVirtual().name("sse-abort").start(current::abort);
        }
    }

    private StreamEnd drain() throws InterruptedException {
        long heartbeatNanos = settings.heartbeat().toNanos();
        long expiresAt = System.nanoTime() + Math.max(0, Duration.between(clock.instant(), caller.expiresAt())
                .toNanos());
        long nextHeartbeat = System.nanoTime() + heartbeatNanos;
        while (true) {
            long now = System.nanoTime();
            if (now - expiresAt >= 0) {
                return endWith(StreamEnd.TOKEN_EXPIRED);
            }
            Frame frame = queue.poll(Math.min(nextHeartbeat - now, expiresAt - now), TimeUnit.NANOSECONDS);
            if (frame == END_OF_STREAM) {
                return end.get();
            }
            if (frame != null || System.nanoTime() - nextHeartbeat >= 0) {
                write(frame != null ? frame : new Frame(EventFrames.HEARTBEAT, false));
                nextHeartbeat = System.nanoTime() + heartbeatNanos;
            }
        }
    }

    private void write(Frame frame) {
        if (end.get() == StreamEnd.TOO_SLOW) {
            throw new IllegalStateException("stream was cut off as too slow");
        }
        sink.emit(frame.bytes());
        counters.bytesWritten(frame.bytes().length);
        if (frame.event()) {
            counters.eventDelivered();
        } else if (frame.bytes() == EventFrames.HEARTBEAT) {
            counters.heartbeatSent();
        }
    }

    private void enqueue(Frame frame) {
        joinLock.lock();
        try {
            if (!joined) {
                backlog.add(frame);
                if (frame.event()) {
                    counters.eventReplayed();
                }
                return;
            }
        } finally {
            joinLock.unlock();
        }
        if (!queue.offer(frame) && end.compareAndSet(null, StreamEnd.TOO_SLOW)) {
            counters.slowReaderEvicted();
            abort();
        }
    }

    /** The first reason wins: a stream cut off as too slow stays "too slow" when its write then fails. */
    private StreamEnd endWith(StreamEnd reason) {
        end.compareAndSet(null, reason);
        return end.get();
    }
}
