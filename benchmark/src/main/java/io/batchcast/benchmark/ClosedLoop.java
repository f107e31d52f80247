package io.batchcast.benchmark;

import io.batchcast.benchmark.measure.CpuCounter;
import io.batchcast.benchmark.measure.WarmUp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * {@code callers} virtual threads, each calling as soon as its previous call returned, until closed. The load never
 * pauses between windows: the warm-up's windows and the measured window that follows are consecutive stretches of
 * one loop; a window's rate is the calls completed inside it divided by its length.
 */
final class ClosedLoop implements AutoCloseable {

    /** {@code cpuNanos}: CPU each watched counter used during the window, in the order given. */
    record Outcome(long calls, long errors, double seconds, String firstError, long[] cpuNanos) {
        double perSecond() {
            return calls / seconds;
        }

        /** CPU per call of all watched counters together. */
        double cpuMillisPerCall() {
            return Arrays.stream(cpuNanos).sum() / 1e6 / Math.max(calls, 1);
        }

        /** CPU per call of the {@code i}-th watched counter. */
        double cpuMillisPerCall(int i) {
            return cpuNanos[i] / 1e6 / Math.max(calls, 1);
        }
    }

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    /** {@code call} receives the caller's index and throws on failure. */
    ClosedLoop(int callers, IntConsumer call) {
        for (int c = 0; c < callers; c++) {
            int caller = c;
            threads.add(Thread.ofVirtual().name("caller-", c).start(() -> {
                while (running) {
                    try {
                        call.accept(caller);
                        calls.incrementAndGet();
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                    }
                }
            }));
        }
    }

    /**
     * The next {@code seconds} of the loop. The CPU of the {@code watched} counters is read at the window's edges: on a
     * shared machine, CPU per call is the figure a busy neighbour disturbs least.
     */
    Outcome measure(double seconds, CpuCounter... watched) throws InterruptedException {
        long callsAtStart = calls.get();
        long errorsAtStart = errors.get();
        long start = System.nanoTime();
        long[] cpuAtStart = read(watched);
        long end = start + (long) (seconds * 1e9);
        for (long wait = end - System.nanoTime(); wait > 0; wait = end - System.nanoTime()) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        long callsInWindow = calls.get() - callsAtStart;
        long errorsInWindow = errors.get() - errorsAtStart;
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] cpuAtEnd = read(watched);
        long[] used = new long[watched.length];
        for (int i = 0; i < watched.length; i++) {
            used[i] = cpuAtEnd[i] - cpuAtStart[i];
        }
        return new Outcome(callsInWindow, errorsInWindow, elapsed, firstError.get(), used);
    }

    /** A warm-up window of this loop: its rate and the CPU per call of the {@code watched} counters together. */
    WarmUp.Window warmUpWindow(double seconds, CpuCounter... watched) throws InterruptedException {
        Outcome window = measure(seconds, watched);
        return new WarmUp.Window(window.seconds(), window.calls(), window.cpuMillisPerCall());
    }

    private static long[] read(CpuCounter[] watched) {
        long[] cpu = new long[watched.length];
        for (int i = 0; i < watched.length; i++) {
            cpu[i] = watched[i].cpuNanos();
        }
        return cpu;
    }

    /** Stops the callers and waits for their last calls. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join();
        }
    }
}
