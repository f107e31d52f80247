package io.batchcast.application.port.in;

/**
 * Replays the events after a cursor, then continues live with no gap and no duplicate.
 */
@FunctionalInterface
public interface SubscribeToOrderBatchEventsUseCase {

    /**
     * @param cursor the last event id the client saw, as it sent it; {@code null}, empty or malformed means "live only"
     * @throws StrategyNotFoundException when the strategy is unknown or another user's
     */
    Subscription subscribe(String userId, long strategyId, String cursor, EventListener listener);
}
