package io.batchcast.adapter.sse;

import io.batchcast.adapter.sse.FrameQueue.Frame;
import io.batchcast.application.port.in.EventListener;
import io.batchcast.domain.EventId;
import io.batchcast.domain.StoredEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One client's stream. The application calls {@link #onEvent} on its publishing thread, which only queues the
 * shared frame bytes ({@link FrameQueue}); the request's own virtual thread writes them to the socket
 * ({@link #stream}). A reader that falls a whole queue behind is cut off, so it never holds up the publisher or the
 * other readers; it resumes by its cursor. Frames that queued up while the writer was busy go out in one write and
 * one flush (so one chunk and one system call), in order: the bytes on the wire are the same, and a busy stream
 * costs fewer wake-ups and system calls per frame.
 */
final class EventStreamConnection implements EventListener {

    /** Frames a writer takes from its queue for one write; bounds the bytes joined per write (~300 B a frame). */
    static final int MAX_FRAMES_PER_WRITE = 64;

    private static final Frame KEEPALIVE_LINE = new Frame(EventFrames.KEEPALIVE_LINE, false);
    private static final Frame KEEPALIVE_END = new Frame(EventFrames.KEEPALIVE_END, false);

    private final Caller caller;
    private final long strategyId;
    private final SseSettings settings;
    private final FrameCache frames;
    private final StreamCounters counters;
    private final Clock clock;
    private final FrameQueue queue;
    private final StreamTimer timer;
    private final AtomicReference<StreamEnd> end = new AtomicReference<>();
    private volatile FrameOutput output;
    /** The keepalive line is written, the blank line that ends it not yet; only the writer thread uses it. */
    private boolean keepaliveOpen;

    EventStreamConnection(Caller caller, long strategyId, SseSettings settings, FrameCache frames,
            StreamCounters counters, Clock clock, ScheduledExecutorService timers) {
        this.caller = caller;
        this.strategyId = strategyId;
        this.settings = settings;
        this.frames = frames;
        this.counters = counters;
        this.clock = clock;
        this.queue = new FrameQueue(settings.queueCapacity());
        this.timer = new StreamTimer(timers, settings.heartbeat().toNanos(), queue::wakeUp);
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
        queue.joined();
    }

    /**
     * Writes the stream until it ends, on the calling (request) thread: the retry field, the replay, then live
     * frames, with a keepalive after each quiet heartbeat interval, and an end at the token's expiry.
     *
     * <p>A keepalive goes out in two halves: its comment line after half an interval of quiet, the blank line that
     * ends it after the other half (or in front of the next frame, whichever comes first). A client that closed its
     * connection is only found by the second write after it left: the first one still succeeds and makes the
     * client's TCP answer with a reset. Writing at least every half interval puts those two writes, and so the
     * release of the stream and its slot, within one heartbeat interval of the client leaving.
     */
    StreamEnd stream(FrameOutput output) {
        this.output = output;
        try {
            writeOpening();
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
        if (!queue.offerEnd()) {
            abort();
        }
    }

    /** Cuts the connection at once, even if its writer is blocked on a stalled socket. */
    void abort() {
        FrameOutput current = output;
        if (current != null) {
            // closing a socket may wait on its locks; never do that on the publishing thread
            Thread.ofVirtual().name("sse-abort").start(current::abort);
        }
    }

    /** The retry field and the replay, several frames a write; nothing of the replay stays referenced afterwards. */
    private void writeOpening() {
        List<Frame> opening = new ArrayList<>();
        opening.add(new Frame(EventFrames.retry(settings.retry()), false));
        opening.addAll(queue.takeBacklog());
        for (int from = 0; from < opening.size(); from += MAX_FRAMES_PER_WRITE) {
            write(opening.subList(from, Math.min(opening.size(), from + MAX_FRAMES_PER_WRITE)));
        }
    }

    private StreamEnd drain() throws InterruptedException {
        long expiresAt = System.nanoTime() + Math.max(0, Duration.between(clock.instant(), caller.expiresAt())
                .toNanos());
        timer.start(expiresAt);
        try {
            List<Frame> taken = new ArrayList<>();
            while (true) {
                if (System.nanoTime() - expiresAt >= 0) {
                    endKeepalive();
                    return endWith(StreamEnd.TOKEN_EXPIRED);
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
     * Writes the frames before the end marker, if any, as one write (behind the end of a half-written keepalive), or
     * the next half of a keepalive when the timer woke a quiet stream; true when the end marker was among them.
     */
    private boolean writeTaken(List<Frame> taken) {
        int endAt = taken.indexOf(FrameQueue.END_OF_STREAM);
        List<Frame> frames = endAt >= 0 ? taken.subList(0, endAt) : taken;
        boolean woken = frames.removeIf(frame -> frame == FrameQueue.WAKE_UP);
        if (!frames.isEmpty()) {
            if (keepaliveOpen) {
                frames.addFirst(KEEPALIVE_END);
            }
            write(frames);
        } else if (woken && timer.keepaliveDue()) {
            write(keepaliveOpen ? KEEPALIVE_END : KEEPALIVE_LINE);
        }
        return endAt >= 0;
    }

    /** A stream that ends cleanly ends on a frame boundary. */
    private void endKeepalive() {
        if (keepaliveOpen) {
            write(KEEPALIVE_END);
        }
    }

    private void write(Frame frame) {
        write(List.of(frame));
    }

    /** One write and flush for all of them: one chunk, one system call, instead of one per frame. */
    private void write(List<Frame> frames) {
        if (end.get() == StreamEnd.TOO_SLOW) {
            throw new IllegalStateException("stream was cut off as too slow");
        }
        byte[] bytes = frames.size() == 1 ? frames.getFirst().bytes() : FrameQueue.joined(frames);
        output.write(bytes);
        timer.written();
        keepaliveOpen = frames.getLast() == KEEPALIVE_LINE;
        int events = 0;
        int heartbeats = 0;
        for (Frame frame : frames) {
            if (frame.event()) {
                events++;
            } else if (frame == KEEPALIVE_END) {
                heartbeats++; // a keepalive is sent once it is complete
            }
        }
        counters.written(bytes.length, events, heartbeats);
    }

    private void enqueue(Frame frame) {
        FrameQueue.Offered offered = queue.offer(frame);
        if (offered == FrameQueue.Offered.BACKLOG && frame.event()) {
            counters.eventReplayed();
        } else if (offered == FrameQueue.Offered.FULL && end.compareAndSet(null, StreamEnd.TOO_SLOW)) {
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
