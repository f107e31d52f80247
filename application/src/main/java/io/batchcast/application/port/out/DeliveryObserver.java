package io.batchcast.application.port.out;

import java.time.Duration;

/** What the delivery core reports as it works, for metrics. Called from hot paths: must not block. */
public interface DeliveryObserver {

    void streamOpened();

    void streamClosed();

    void streamRefused();

    /** A live event handed to a subscriber, {@code lag} after its batch completed. */
    void liveEventQueued(Duration lag);

    void eventReplayed();

    void eventsWritten(int count);

    void heartbeatSent();

    void resyncSent();

    void slowReaderEvicted();

    void deadStreamRemoved();

    /** An event's frame encoded by a protocol (once per protocol and cursor form, however many subscribers). */
    void frameEncoded();

    /** An event's frame taken from the cache instead of encoding it again. */
    void frameShared();
}
