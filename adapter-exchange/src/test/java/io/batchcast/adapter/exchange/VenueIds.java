package io.batchcast.adapter.exchange;

import java.util.concurrent.atomic.AtomicLong;

/** Distinct venue client order ids for tests that do not care which. */
final class VenueIds {

    private static final AtomicLong NEXT = new AtomicLong();

    private VenueIds() {
    }

    static String next() {
        return "test-" + NEXT.incrementAndGet();
    }
}
