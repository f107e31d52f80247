package io.batchcast.archfixtures.wallclock.application.service;

import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.Date;
import java.util.function.Supplier;

/** Planted: each way a service could read the wall clock behind the injected Clock's back. */
public class StampingBatches {

    Clock systemClock() {
        return Clock.systemUTC();
    }

    long epochMillis() {
        return System.currentTimeMillis();
    }

    LocalDateTime utcNow() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }

    Supplier<Instant> nowReference() {
        return Instant::now;
    }

    Date legacyNow() {
        return new Date();
    }

    InstantSource systemSource() {
        return InstantSource.system();
    }

    Calendar calendarNow() {
        return Calendar.getInstance();
    }
}
