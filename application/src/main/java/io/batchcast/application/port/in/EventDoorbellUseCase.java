package io.batchcast.application.port.in;

/**
 * Told that streams have new events (by another instance, through the database's notifications). The events
 * themselves are read from the event log, so a lost doorbell loses nothing: the next one, or {@link #catchUp()},
 * delivers everything after the last event this instance delivered.
 */
public interface EventDoorbellUseCase {

    /** The stream {@code strategyId} has events up to {@code seq}. */
    void ring(long strategyId, long seq);

    /** Notifications may have been lost (e.g. the listening connection dropped): re-read every watched stream. */
    void catchUp();
}
