package io.batchcast.adapter.persistence;

/**
 * Tells this instance's {@link io.batchcast.application.port.in.EventDoorbellUseCase} about events other instances
 * committed. Get one from {@link Persistence#doorbellListener}; bootstrap starts it once the use case is wired and
 * closes it on shutdown.
 */
public interface DoorbellListener extends AutoCloseable {

    void start();

    @Override
    void close();
}
