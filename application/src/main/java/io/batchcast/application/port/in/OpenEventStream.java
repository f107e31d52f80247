package io.batchcast.application.port.in;

import java.util.Objects;

/**
 * A request to stream events: who asks, what, and from where.
 *
 * @param cursor the last event id the client saw, as sent; {@code "earliest"} replays every retained event; empty,
 *               {@code null} or malformed means live only
 */
public record OpenEventStream(StreamCaller caller, EventSelection selection, String cursor) {

    public OpenEventStream {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(selection, "selection");
    }
}
