package io.batchcast.benchmark;

import io.batchcast.benchmark.server.ProcessMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * {@code callers} virtual threads, each calling as soon as its previous call returned, for a warm-up and then a
 * measured window; the rate is the calls completed inside the window divided by its length.
 */
final class ClosedLoop {

    /** {@code cpuNanos}: CPU each watched process used during the measured window, in the order given. */
    record Outcome(long calls, long errors, double seconds, String firstError, long[] cpuNanos) {
        double perSecond() {
            return calls / seconds;
        }

        /** CPU per call of all watched processes together. */
        double cpuMillisPerCall() {
            return java.util.Arrays.stream(cpuNanos).sum() / 1e6 / Math.max(calls, 1);
        }

        /** CPU per call of the {@code i}-th watched process. */
        double cpuMillisPerCall(int i) {
            return cpuNanos[i] / 1e6 / Math.max(calls, 1);
        }
    }

    private ClosedLoop() {
    }

    /**
     * {@code call} receives the caller's index and throws on failure. The CPU time of the {@code watched} processes
     * is taken at the edges of the measured window: on a shared machine, CPU per call is the figure a busy neighbour
     * disturbs least.
     */
    static Outcome run(int callers, double warmupSeconds, double seconds, IntConsumer call, long... watched)
            throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        AtomicLong calls = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            int caller = c;
            threads.add(Thread.ofVirtual().name("caller-", c).start(() -> {
                for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                    try {
                        call.accept(caller);
                        if (now >= measureFrom && System.nanoTime() <= end) {
                            calls.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                    }
                }
            }));
        }
        long[] cpuAtStart = sleepUntil(measureFrom, watched);
        long[] cpuAtEnd = sleepUntil(end, watched);
        for (Thread t : threads) {
            t.join();
        }
        long[] used = new long[watched.length];
        for (int i = 0; i < watched.length; i++) {
            used[i] = cpuAtEnd[i] - cpuAtStart[i];
        }
        return new Outcome(calls.get(), errors.get(), seconds, firstError.get(), used);
    }

    private static long[] sleepUntil(long nanoTime, long[] watched) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        long[] cpu = new long[watched.length];
        for (int i = 0; i < watched.length; i++) {
            cpu[i] = ProcessMemory.cpuNanos(watched[i]);
        }
        return cpu;
    }
}
