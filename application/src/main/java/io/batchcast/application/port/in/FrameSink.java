package io.batchcast.application.port.in;

import java.util.List;

/** Where a stream's frames go: the client's connection. Written by one thread at a time. */
public interface FrameSink<F> {

    /** Writes the frames in order, as one write where the protocol can, and pushes them out; fails when gone. */
    void write(List<F> frames);

    /** Cuts the connection from any thread; a write blocked on it fails at once. */
    void abort();
}
