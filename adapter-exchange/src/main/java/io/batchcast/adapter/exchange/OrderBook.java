package io.batchcast.adapter.exchange;

import io.batchcast.application.port.out.VenueOrder;
import io.batchcast.domain.OrderStatus;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The paper exchange's memory of orders, per strategy. Its orders are numbered 1, 2, 3, … in the order it accepts
 * them, and their ids are {@code <prefix><number>}. Open orders are kept until cancelled; closed ones (filled or
 * cancelled) only up to a bound, oldest forgotten first, so a long-running demo does not grow without limit.
 *
 * <p>A resting order costs a bit and its owner's 8 bytes in two arrays indexed by its number, not objects of its
 * own: every benchmark order rests until cancelled, and as objects (a key, its id and a set entry, about 120 bytes
 * each) they were most of what every young collection of the server had to mark and copy. One lock guards
 * everything; everything done under it is a few array or hash lookups, never I/O or sleeping.
 */
final class OrderBook {

    /** Requests are remembered a few times longer than closed orders: reconciliation asks about them later. */
    static final int REQUESTS_PER_CLOSED_ORDER = 4;
    /** The most orders one session can number (array and bit set indexes are ints). */
    static final int MAX_ORDERS = Integer.MAX_VALUE - 8;

    /** A request the book acted on: the order it placed or cancelled, and that order's status right after. */
    private record Request(int order, OrderStatus statusAfter) {
    }

    private record RequestKey(long strategyId, String venueClientOrderId) {
    }

    private final String idPrefix;
    private final ReentrantLock lock = new ReentrantLock();
    /** {@code owners[n]}: the strategy of order n (index 0 unused). */
    private long[] owners = new long[1024];
    private int numbered;
    private final BitSet open = new BitSet();
    /** Closed orders by number: what closed them. */
    private final Map<Integer, OrderStatus> closed;
    /** By venue client order id and strategy: what each accepted place or cancel request did. */
    private final Map<RequestKey, Request> requests;

    OrderBook(String idPrefix, int closedOrderMemory) {
        this.idPrefix = idPrefix;
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

    /** Outcome of {@link #add}: the new order's id, or why none was placed. */
    sealed interface Added {
        record Placed(String orderId) implements Added {
        }

        /** The strategy already sent a request with this venue client order id: the venue refuses a double. */
        record Duplicate() implements Added {
        }

        /** The session numbered {@link #MAX_ORDERS} orders already. */
        record BookFull() implements Added {
        }
    }

    /** Records a new order under its request id, resting (OPEN) or filled at once, and returns its new order id. */
    Added add(long strategyId, String venueClientOrderId, OrderStatus status) {
        RequestKey request = new RequestKey(strategyId, venueClientOrderId);
        lock.lock();
        try {
            if (requests.containsKey(request)) {
                return new Added.Duplicate();
            }
            if (numbered >= MAX_ORDERS) {
                return new Added.BookFull();
            }
            int order = ++numbered;
            if (order >= owners.length) {
                owners = Arrays.copyOf(owners, (int) Math.min((long) owners.length * 2, MAX_ORDERS + 1L));
            }
            owners[order] = strategyId;
            requests.put(request, new Request(order, status));
            if (status == OrderStatus.OPEN) {
                open.set(order);
            } else {
                closed.put(order, status);
            }
            return new Added.Placed(idOf(order));
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
            OrderStatus now = open.get(request.order()) ? OrderStatus.OPEN
                    : closed.getOrDefault(request.order(), request.statusAfter());
            return Optional.of(new VenueOrder(idOf(request.order()), now));
        } finally {
            lock.unlock();
        }
    }

    /** The order a cancel request with this id already cancelled, if it was accepted before. */
    Optional<String> cancelledBy(long strategyId, String venueClientOrderId) {
        lock.lock();
        try {
            Request request = requests.get(new RequestKey(strategyId, venueClientOrderId));
            return request == null ? Optional.empty() : Optional.of(idOf(request.order()));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Cancels the strategy's order if it is open. Returns the status the order had before this call: OPEN when this
     * call cancelled it, FILLED or CANCELLED when it was already closed, empty when the strategy has no such order
     * (another strategy's, one this session never numbered, or one closed so long ago that it has been forgotten).
     */
    Optional<OrderStatus> cancel(long strategyId, String venueClientOrderId, String orderId) {
        lock.lock();
        try {
            int order = numberOf(orderId);
            if (order == 0 || owners[order] != strategyId) {
                return Optional.empty();
            }
            if (open.get(order)) {
                open.clear(order);
                closed.put(order, OrderStatus.CANCELLED);
                requests.put(new RequestKey(strategyId, venueClientOrderId), new Request(order, OrderStatus.CANCELLED));
                return Optional.of(OrderStatus.OPEN);
            }
            return Optional.ofNullable(closed.get(order));
        } finally {
            lock.unlock();
        }
    }

    int openOrders() {
        lock.lock();
        try {
            return open.cardinality();
        } finally {
            lock.unlock();
        }
    }

    private String idOf(int order) {
        return idPrefix + order;
    }

    /** The number of the order this session gave {@code orderId}; 0 when it gave no order that id. */
    private int numberOf(String orderId) {
        if (orderId == null || !orderId.startsWith(idPrefix) || orderId.length() == idPrefix.length()
                || orderId.length() > idPrefix.length() + 10 || orderId.charAt(idPrefix.length()) == '0') {
            return 0;
        }
        long number = 0;
        for (int i = idPrefix.length(); i < orderId.length(); i++) {
            char digit = orderId.charAt(i);
            if (digit < '0' || digit > '9') {
                return 0;
            }
            number = number * 10 + (digit - '0');
        }
        return number <= numbered ? (int) number : 0;
    }
}
