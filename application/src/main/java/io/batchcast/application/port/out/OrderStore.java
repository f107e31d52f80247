package io.batchcast.application.port.out;

import io.batchcast.domain.Order;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/** Reads the strategy's orders; they are written by {@link BatchRecorder}, with their batch. */
public interface OrderStore {

    Optional<Order> findByOrderId(long strategyId, String orderId);

    Optional<Order> findByClientOrderId(long strategyId, String clientOrderId);

    /** Which of {@code clientOrderIds} the strategy already used. */
    Set<String> usedClientOrderIds(long strategyId, Collection<String> clientOrderIds);
}
