package io.batchcast.benchmark.sse;

/** Called on the reader's own (virtual) thread for each frame, with the time the bytes were read. */
@FunctionalInterface
public interface SseListener {

    SseListener IGNORE = (reader, frame, receivedNanos) -> { };

    void onFrame(int reader, SseFrame frame, long receivedNanos);
}
