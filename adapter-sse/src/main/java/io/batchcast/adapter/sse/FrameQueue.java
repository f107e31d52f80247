package io.batchcast.adapter.sse;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The frames one stream still has to write. Frames offered while the subscription is being set up (the replay, or
 * a resync) go to an unbounded backlog: the application replays up to its own limit before the stream can start
 * writing, and that must not count as falling behind. Once {@link #joined()}, frames go to a bounded queue, and a
 * full queue means the reader is too slow.
 */
final class FrameQueue {

    /** The bytes to write, shared by every subscriber of the event, and whether they are an event (for counting). */
    record Frame(byte[] bytes, boolean event) {
    }

    enum Offered { BACKLOG, QUEUED, FULL }

    static final Frame END_OF_STREAM = new Frame(new byte[0], false);

    private final ReentrantLock joinLock = new ReentrantLock();
    private final ArrayDeque<Frame> backlog = new ArrayDeque<>();
    private final BlockingQueue<Frame> queue;
    private boolean joined;

    FrameQueue(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    Offered offer(Frame frame) {
        joinLock.lock();
        try {
            if (!joined) {
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
            List<Frame> frames = List.copyOf(backlog);
            backlog.clear();
            return frames;
        } finally {
            joinLock.unlock();
        }
    }

    /** The next live frame, or null after {@code nanos} without one. */
    Frame poll(long nanos) throws InterruptedException {
        return queue.poll(nanos, TimeUnit.NANOSECONDS);
    }

    /** Asks the writer to stop after the frames already queued; false when the queue is full. */
    boolean offerEnd() {
        return queue.offer(END_OF_STREAM);
    }
}
