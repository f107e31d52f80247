package io.batchcast.application.service;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of event delivery, the same for every protocol.
 *
 * @param maxStreamsPerUser streams one user may hold open at once, over all protocols (a stream counts once,
 *                          however many strategies it carries)
 * @param queueCapacity     frames one stream may have waiting; one more and it is cut off as too slow
 * @param shutdownGrace     how long {@link EventDelivery#close()} lets streams end cleanly before cutting them
 */
public record DeliveryLimits(int maxStreamsPerUser, int queueCapacity, Duration shutdownGrace) {

    public static final int DEFAULT_MAX_STREAMS_PER_USER = 16;
    public static final int DEFAULT_QUEUE_CAPACITY = 256;
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(2);

    public DeliveryLimits {
        if (maxStreamsPerUser < 1 || maxStreamsPerUser > 10_000) {
            throw new IllegalArgumentException("delivery.max-streams-per-user must be 1..10000, was "
                    + maxStreamsPerUser);
        }
        if (queueCapacity < 1 || queueCapacity > 100_000) {
            throw new IllegalArgumentException("delivery.queue-capacity must be 1..100000, was " + queueCapacity);
        }
        Objects.requireNonNull(shutdownGrace, "delivery.shutdown-grace");
        if (shutdownGrace.isNegative() || shutdownGrace.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("delivery.shutdown-grace must be PT0S..PT1M, was " + shutdownGrace);
        }
    }

    public static DeliveryLimits defaults() {
        return new DeliveryLimits(DEFAULT_MAX_STREAMS_PER_USER, DEFAULT_QUEUE_CAPACITY, DEFAULT_SHUTDOWN_GRACE);
    }

    public DeliveryLimits withMaxStreamsPerUser(int value) {
        return new DeliveryLimits(value, queueCapacity, shutdownGrace);
    }

    public DeliveryLimits withQueueCapacity(int value) {
        return new DeliveryLimits(maxStreamsPerUser, value, shutdownGrace);
    }

    public DeliveryLimits withShutdownGrace(Duration value) {
        return new DeliveryLimits(maxStreamsPerUser, queueCapacity, value);
    }
}
