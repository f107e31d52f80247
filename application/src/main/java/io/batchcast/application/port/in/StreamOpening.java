package io.batchcast.application.port.in;

/** The answer to {@link OpenEventStreamUseCase#open}: a stream to run, or why none opened. */
public sealed interface StreamOpening<F> {

    record Opened<F>(DeliveryStream<F> stream) implements StreamOpening<F> {
    }

    record Refused<F>(Refusal refusal) implements StreamOpening<F> {
    }

    /** Why no stream opened; every protocol maps each of them (a switch over them needs no default). */
    sealed interface Refusal {
    }

    /** The user already holds {@code maxStreamsPerUser} streams (of any protocol). */
    record TooManyStreams(int maxStreamsPerUser) implements Refusal {
    }

    /** Unknown, or another user's (never said which). */
    record StrategyNotFound(long strategyId) implements Refusal {
    }

    /** The event log cannot be read now. */
    record StoreUnavailable() implements Refusal {
    }

    /** This instance is stopping; the client goes to another one. */
    record ShuttingDown() implements Refusal {
    }
}
