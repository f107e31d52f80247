package io.batchcast.application.port.in;

import java.util.Objects;

/**
 * A request to stream events: who asks, what, from where, and whether runs of events are merged.
 *
 * @param cursor     the last event id the client saw, as sent; {@code "earliest"} replays every retained event;
 *                   empty, {@code null} or malformed means live only
 * @param coalesceMs 0: every event as it comes; 1..{@value #MAX_COALESCE_MS}: events of one strategy that arrive
 *                   within this many milliseconds of the first pending one go out as one merged event
 */
public record OpenEventStream(StreamCaller caller, EventSelection selection, String cursor, int coalesceMs) {

    /** The cursor that replays every retained event, then continues live (either kind of selection). */
    public static final String EARLIEST = "earliest";
    /** The longest coalescing window a subscriber may ask for, in milliseconds. */
    public static final int MAX_COALESCE_MS = 10_000;
    /** What a protocol says about a bad window, after the name of its field. */
    public static final String COALESCE_RANGE = "must be an integer from 0 (off) to " + MAX_COALESCE_MS
            + " (milliseconds)";

    public OpenEventStream {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(selection, "selection");
        if (coalesceMs < 0 || coalesceMs > MAX_COALESCE_MS) {
            throw new IllegalArgumentException("coalesce_ms " + COALESCE_RANGE + ", was " + coalesceMs);
        }
    }

    /** A stream without coalescing. */
    public OpenEventStream(StreamCaller caller, EventSelection selection, String cursor) {
        this(caller, selection, cursor, 0);
    }
}
