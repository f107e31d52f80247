package io.batchcast.benchmark;

import java.util.Locale;

/** Progress lines on stdout, stamped with the seconds since the run started. */
final class Console {

    private final long start = System.nanoTime();

    void say(String scenario, String format, Object... args) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "[%6.1fs] %-11s %s%n", elapsed, scenario, String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
