package io.batchcast.application.port.in;

/** One admitted, subscribed stream; run it once, on the thread that may block on the client's connection. */
public interface DeliveryStream<F> {

    /**
     * Writes the opening frames, the replay, then live frames (and heartbeats) to {@code sink} until the stream ends;
     * then unsubscribes and frees the user's slot.
     */
    StreamEnd run(FrameSink<F> sink);

    /** Gives up a stream that will not be run (e.g. the response could not start); frees its slot. */
    void discard();
}
