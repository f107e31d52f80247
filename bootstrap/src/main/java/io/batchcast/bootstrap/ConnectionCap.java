package io.batchcast.bootstrap;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/**
 * How many HTTP connections (SSE streams, mostly) the web server accepts at once. At the process's open-files limit
 * Helidon's listener stops accepting for good and every open stream is lost (found by the benchmark), so unless
 * {@code batchcast.http.max-connections} says otherwise the cap leaves a quarter of that limit, and at least
 * {@value #RESERVE} descriptors, for everything else: the jar's ~100 libraries, gRPC connections, the database pool.
 */
final class ConnectionCap {

    static final int MINIMUM = 64;
    static final int RESERVE = 1024;

    private ConnectionCap() {
    }

    /** {@code configured} > 0 wins; otherwise derived from the open-files limit; -1 (no cap) where it is unknown. */
    static int of(int configured, long openFilesLimit) {
        if (configured > 0) {
            return configured;
        }
        if (openFilesLimit <= 0) {
            return -1;
        }
        long cap = Math.min(openFilesLimit * 3 / 4, openFilesLimit - RESERVE);
        return (int) Math.max(MINIMUM, Math.min(Integer.MAX_VALUE, cap));
    }

    static long openFilesLimit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount()
                : -1;
    }
}
