package io.batchcast.adapter.sse;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The frames one stream still has to write. Frames offered while the subscription is being set up (the replay, or
 * a resync) go to an unbounded backlog: the application replays up to its own limit before the stream can start
 * writing, and that must not count as falling behind. Once {@link #joined()}, frames go to a bounded queue, and a
 * full queue means the reader is too slow.
 *
 * <p>The bounded queue is a {@link LinkedBlockingQueue}: it takes memory per frame waiting, not per slot allowed. An
 * idle stream, which is most of them, holds no slots at all (an {@code ArrayBlockingQueue} of the default 256 slots
 * cost every stream 1 KB up front), and the bound and the "full" answer are the same.
 */
final class FrameQueue {

    /** The bytes to write, shared by every subscriber of the event, and whether they are an event (for counting). */
    record Frame(byte[] bytes, boolean event) {
    }

    enum Offered { BACKLOG, QUEUED, FULL }

    static final Frame END_OF_STREAM = new Frame(new byte[0], false);
    /** Not written: makes a waiting writer look at the clock (heartbeat due, or the token expired). */
    static final Frame WAKE_UP = new Frame(new byte[0], false);

    private final ReentrantLock joinLock = new ReentrantLock();
    private final LinkedBlockingQueue<Frame> queue;
    private ArrayDeque<Frame> backlog;
    private boolean joined;

    FrameQueue(int capacity) {
        this.queue = new LinkedBlockingQueue<>(capacity);
    }

    Offered offer(Frame frame) {
        joinLock.lock();
        try {
            if (!joined) {
                if (backlog == null) {
                    backlog = new ArrayDeque<>();
                }
                backlog.add(frame);
                return Offered.BACKLOG;
            }
        } finally {
            joinLock.unlock();
        }
        return queue.offer(frame) ? Offered.QUEUED : Offered.FULL;
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

    /** The frames offered before {@link #joined()}, in order; called once, by the writer, after joining. */
    List<Frame> takeBacklog() {
        joinLock.lock();
        try {
            List<Frame> frames = backlog == null ? List.of() : List.copyOf(backlog);
            backlog = null;
            return frames;
        } finally {
            joinLock.unlock();
        }
    }

    /** The next live frame, waiting as long as it takes ({@link #wakeUp()} ends a wait without a frame). */
    Frame take() throws InterruptedException {
        return queue.take();
    }

    /**
     * Wakes a writer that is waiting for frames. Only when none are waiting: a writer with frames to take is not
     * waiting, and the marker then never takes a slot that a frame could need.
     */
    void wakeUp() {
        if (queue.isEmpty()) {
            queue.offer(WAKE_UP);
        }
    }

    /** Moves up to {@code max} frames that are already waiting, in order, into {@code into}, without waiting. */
    void drainWaiting(List<Frame> into, int max) {
        queue.drainTo(into, max);
    }

    /** Asks the writer to stop after the frames already queued; false when the queue is full. */
    boolean offerEnd() {
        return queue.offer(END_OF_STREAM);
    }

    /** The frames' bytes end to end, in order. */
    static byte[] joined(List<Frame> frames) {
        int length = 0;
        for (Frame frame : frames) {
            length += frame.bytes().length;
        }
        byte[] joined = new byte[length];
        int at = 0;
        for (Frame frame : frames) {
            System.arraycopy(frame.bytes(), 0, joined, at, frame.bytes().length);
            at += frame.bytes().length;
        }
        return joined;
    }
}
