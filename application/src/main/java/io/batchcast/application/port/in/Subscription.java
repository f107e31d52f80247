package io.batchcast.application.port.in;

/** A live subscription; closing it stops delivery. */
public interface Subscription extends AutoCloseable {

    @Override
    void close();
}
