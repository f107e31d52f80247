package io.batchcast.benchmark.sse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * A crowd of SSE readers, each on its own virtual thread. Connection set-up is bounded (the server's accept backlog
 * is finite), so opening 10,000 readers neither overruns the backlog nor serialises on one thread.
 */
public final class SseAudience implements AutoCloseable {

    private static final int CONCURRENT_HANDSHAKES = 64;
    /**
     * After this many failures the remaining readers of an {@link #open} call are not attempted: a server out of file
     * descriptors lets connections hang until their timeout, and 64 at a time would take minutes per thousand.
     */
    private static final int GIVE_UP_AFTER_FAILURES = CONCURRENT_HANDSHAKES;

    private final List<SseConnection> open = new ArrayList<>();
    private final ConcurrentLinkedQueue<SseConnection> opened = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger notAttempted = new AtomicInteger();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();

    /**
     * Opens readers {@code from} (inclusive) to {@code to} (exclusive); returns when each has connected or failed.
     * Pausable readers get a small receive buffer (see {@link SseConnection#open}).
     */
    public void open(int from, int to, IntFunction<SseEndpoint> endpoints, IntPredicate pausable,
                     LoopbackAddresses sources, SseListener listener) throws InterruptedException {
        Semaphore handshakes = new Semaphore(CONCURRENT_HANDSHAKES);
        CountDownLatch done = new CountDownLatch(to - from);
        for (int i = from; i < to; i++) {
            int reader = i;
            Thread.ofVirtual().name("sse-reader-", reader).start(() -> {
                SseConnection connection = connect(reader, endpoints, pausable.test(reader), sources, listener,
                        handshakes, done);
                if (connection != null) {
                    connection.readFrames();
                }
            });
        }
        done.await();
        synchronized (open) {
            open.addAll(opened);
            opened.clear();
        }
    }

    private SseConnection connect(int reader, IntFunction<SseEndpoint> endpoints, boolean pausable,
                                  LoopbackAddresses sources, SseListener listener, Semaphore handshakes,
                                  CountDownLatch done) {
        handshakes.acquireUninterruptibly();
        try {
            if (failures.get() >= GIVE_UP_AFTER_FAILURES) {
                notAttempted.incrementAndGet();
                return null;
            }
            SseConnection connection = SseConnection.open(reader, endpoints.apply(reader), sources.sourceFor(reader),
                    pausable, listener);
            if (connection.status() != 200) {
                connection.close();
                throw new IOException("HTTP " + connection.status());
            }
            opened.add(connection);
            return connection;
        } catch (IOException | RuntimeException e) {
            failures.incrementAndGet();
            firstFailure.compareAndSet(null, "reader " + reader + ": " + e);
            return null;
        } finally {
            handshakes.release();
            done.countDown();
        }
    }

    public int connected() {
        synchronized (open) {
            return open.size();
        }
    }

    /** Readers whose stream the server ended or reset. */
    public int closedByPeer() {
        synchronized (open) {
            return (int) open.stream().filter(SseConnection::closedByPeer).count();
        }
    }

    public int failures() {
        return failures.get();
    }

    /** Readers skipped because too many before them had failed. */
    public int notAttempted() {
        return notAttempted.get();
    }

    public String firstFailure() {
        return firstFailure.get();
    }

    public List<SseConnection> connections() {
        synchronized (open) {
            return List.copyOf(open);
        }
    }

    @Override
    public void close() {
        synchronized (open) {
            for (SseConnection connection : open) {
                try {
                    connection.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            open.clear();
        }
    }
}
