package io.batchcast.bootstrap;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/** Callers on threads of their own, each calling in a loop while {@code calling} is true; close stops and waits. */
final class ConcurrentCallers implements AutoCloseable {

    /** One caller's loop, numbered from 0; it returns once {@code calling} turns false (or earlier). */
    @FunctionalInterface
    interface Caller {
        void run(int caller, BooleanSupplier calling);
    }

    private final AtomicBoolean calling = new AtomicBoolean(true);
    private final ExecutorService threads;

    ConcurrentCallers(int count, Caller caller) {
        threads = Executors.newFixedThreadPool(count);
        for (int c = 0; c < count; c++) {
            int number = c;
            threads.submit(() -> caller.run(number, calling::get));
        }
    }

    @Override
    public void close() {
        calling.set(false);
        threads.close();
    }
}
