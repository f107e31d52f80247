package io.batchcast.adapter.exchange;

import io.batchcast.domain.OrderStatus;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The paper exchange's memory of orders, per strategy. Open orders are kept until cancelled; closed ones (filled or
 * cancelled) only up to a bound, oldest forgotten first, so a long-running demo does not grow without limit.
 * One lock guards both collections: everything done under it is a few hash lookups, never I/O or sleeping.
 */
final class OrderBook {

    private record Key(long strategyId, String orderId) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Key> open = new HashSet<>();
    private final Map<Key, OrderStatus> closed;

    OrderBook(int closedOrderMemory) {
        this.closed = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, OrderStatus> eldest) {
                return size() > closedOrderMemory;
            }
        };
    }

    void rest(long strategyId, String orderId) {
        lock.lock();
        try {
            open.add(new Key(strategyId, orderId));
        } finally {
            lock.unlock();
        }
    }

    void fill(long strategyId, String orderId) {
        lock.lock();
        try {
            closed.put(new Key(strategyId, orderId), OrderStatus.FILLED);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Cancels the strategy's order if it is open. Returns the status the order had before this call: OPEN when this
     * call cancelled it, FILLED or CANCELLED when it was already closed, empty when the strategy has no such order
     * (or it was closed so long ago that it has been forgotten).
     */
    Optional<OrderStatus> cancel(long strategyId, String orderId) {
        Key key = new Key(strategyId, orderId);
        lock.lock();
        try {
            if (open.remove(key)) {
                closed.put(key, OrderStatus.CANCELLED);
                return Optional.of(OrderStatus.OPEN);
            }
            return Optional.ofNullable(closed.get(key));
        } finally {
            lock.unlock();
        }
    }

    int openOrders() {
        lock.lock();
        try {
            return open.size();
        } finally {
            lock.unlock();
        }
    }
}
