package io.batchcast.adapter.sse;

/** Where a stream's frames go: the client's connection ({@link EventStreamSink}), or a test's stand-in. */
interface FrameOutput {

    /** Writes these bytes and pushes them to the client now; fails when the client is gone. */
    void write(byte[] bytes);

    /** Cuts the connection from any thread; a write blocked on it fails at once. */
    void abort();
}
