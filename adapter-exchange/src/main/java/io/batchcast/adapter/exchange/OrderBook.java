package io.batchcast.adapter.exchange;

import io.batchcast.application.port.out.VenueOrder;
import io.batchcast.domain.OrderStatus;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The paper exchange's memory of orders, per strategy. Open orders are kept until cancelled; closed ones (filled or
 * cancelled) only up to a bound, oldest forgotten first, so a long-running demo does not grow without limit.
 * One lock guards both collections: everything done under it is a few hash lookups, never I/O or sleeping.
 */
final class OrderBook {

    /** Requests are remembered a few times longer than closed orders: reconciliation asks about them later. */
    static final int REQUESTS_PER_CLOSED_ORDER = 4;

    private record Key(long strategyId, String orderId) {
    }

    /** A request the book acted on: the order it placed or cancelled, and that order's status right after. */
    private record Request(Key order, OrderStatus statusAfter) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Key> open = new HashSet<>();
    private final Map<Key, OrderStatus> closed;
    /** By venue client order id and strategy: what each accepted place or cancel request did. */
    private final Map<RequestKey, Request> requests;

    private record RequestKey(long strategyId, String venueClientOrderId) {
    }

    OrderBook(int closedOrderMemory) {
        this.closed = bounded(closedOrderMemory);
        this.requests = bounded(REQUESTS_PER_CLOSED_ORDER * Math.max(closedOrderMemory, 1));
    }

    private static <K, V> Map<K, V> bounded(int capacity) {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Records a new order under its request id, resting (OPEN) or filled at once, with the id {@code newOrderId}
     * hands out (called under the lock, only for an accepted order). Returns empty, changing nothing, when the
     * strategy already sent a request with this id: the venue refuses a double.
     */
    Optional<String> add(long strategyId, String venueClientOrderId, Supplier<String> newOrderId,
            OrderStatus status) {
        RequestKey request = new RequestKey(strategyId, venueClientOrderId);
        lock.lock();
        try {
            if (requests.containsKey(request)) {
                return Optional.empty();
            }
            String orderId = newOrderId.get();
            Key key = new Key(strategyId, orderId);
            requests.put(request, new Request(key, status));
            if (status == OrderStatus.OPEN) {
                open.add(key);
            } else {
                closed.put(key, status);
            }
            return Optional.of(orderId);
        } finally {
            lock.unlock();
        }
    }

    /** What the request with this id did, with the order's status now; empty when no such request was accepted. */
    Optional<VenueOrder> lookup(long strategyId, String venueClientOrderId) {
        lock.lock();
        try {
            Request request = requests.get(new RequestKey(strategyId, venueClientOrderId));
            if (request == null) {
                return Optional.empty();
            }
            OrderStatus now = open.contains(request.order()) ? OrderStatus.OPEN
                    : closed.getOrDefault(request.order(), request.statusAfter());
            return Optional.of(new VenueOrder(request.order().orderId(), now));
        } finally {
            lock.unlock();
        }
    }

    /** The order a cancel request with this id already cancelled, if it was accepted before. */
    Optional<String> cancelledBy(long strategyId, String venueClientOrderId) {
        lock.lock();
        try {
            Request request = requests.get(new RequestKey(strategyId, venueClientOrderId));
            return request == null ? Optional.empty() : Optional.of(request.order().orderId());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Cancels the strategy's order if it is open. Returns the status the order had before this call: OPEN when this
     * call cancelled it, FILLED or CANCELLED when it was already closed, empty when the strategy has no such order
     * (or it was closed so long ago that it has been forgotten).
     */
    Optional<OrderStatus> cancel(long strategyId, String venueClientOrderId, String orderId) {
        Key key = new Key(strategyId, orderId);
        lock.lock();
        try {
            if (open.remove(key)) {
                closed.put(key, OrderStatus.CANCELLED);
                requests.put(new RequestKey(strategyId, venueClientOrderId), new Request(key, OrderStatus.CANCELLED));
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
