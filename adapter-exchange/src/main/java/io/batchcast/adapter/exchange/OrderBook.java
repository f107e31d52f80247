package io.batchcast.adapter.exchange;

import io.batchcast.application.port.out.VenueOrder;
import io.batchcast.domain.OrderStatus;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The paper exchange's memory of orders, per strategy. Its orders are numbered 1, 2, 3, … in the order it accepts
 * them, and their ids are {@code <prefix><number>}. Open orders are kept until cancelled; closed ones (filled or
 * cancelled) only up to a bound, oldest forgotten first, so a long-running demo does not grow without limit.
 *
 * <p>A resting order costs a bit and its owner's 8 bytes in two arrays indexed by its number, not objects of its
 * own: every benchmark order rests until cancelled, and as objects (a key, its id and a set entry, about 120 bytes
 * each) they were most of what every young collection of the server had to mark and copy. Closed orders are two
 * more bits and a slot in a ring of numbers, and requests a slot in the {@link RequestLog}'s arrays. One lock guards
 * everything; everything done under it is a few array or hash lookups, never I/O or sleeping.
 */
final class OrderBook {

    /** Requests are remembered a few times longer than closed orders: reconciliation asks about them later. */
    static final int REQUESTS_PER_CLOSED_ORDER = 4;
    /** The most orders one session can number (array and bit set indexes are ints). */
    static final int MAX_ORDERS = Integer.MAX_VALUE - 8;

    private final String idPrefix;
    private final int maxOrders;
    private final ReentrantLock lock = new ReentrantLock();
    /** {@code owners[n]}: the strategy of order n (index 0 unused). */
    private long[] owners = new long[1024];
    private int numbered;
    private final BitSet open = new BitSet();
    /** Closed orders, by number: what closed them, for the most recent {@code closedOrderMemory} of them. */
    private final BitSet cancelled = new BitSet();
    private final BitSet filled = new BitSet();
    /** The remembered closed orders' numbers in the order they closed; the oldest is forgotten first. */
    private int[] closedOrders;
    private final int closedOrderMemory;
    private int closedSize;
    private int closedNext;
    /** By strategy and venue client order id: what each accepted place or cancel request did. */
    private final RequestLog requests;

    OrderBook(String idPrefix, int closedOrderMemory) {
        this(idPrefix, closedOrderMemory, MAX_ORDERS);
    }

    /** With fewer than {@link #MAX_ORDERS} orders per session, so that a test can reach the end. */
    OrderBook(String idPrefix, int closedOrderMemory, int maxOrders) {
        if (maxOrders < 1 || maxOrders > MAX_ORDERS) {
            throw new IllegalArgumentException("maxOrders must be 1-" + MAX_ORDERS + ", was " + maxOrders);
        }
        this.idPrefix = idPrefix;
        this.maxOrders = maxOrders;
        this.closedOrderMemory = closedOrderMemory;
        this.closedOrders = new int[Math.min(closedOrderMemory, 1024)];
        this.requests = new RequestLog(REQUESTS_PER_CLOSED_ORDER * Math.max(closedOrderMemory, 1));
    }

    /** Outcome of {@link #add}: the new order's id, or why none was placed. */
    sealed interface Added {
        record Placed(String orderId) implements Added {
        }

        /** The strategy already sent a request with this venue client order id: the venue refuses a double. */
        record Duplicate() implements Added {
        }

        /** The session numbered all the orders it may ({@link #maxOrders()}) already. */
        record BookFull() implements Added {
        }
    }

    /** Records a new order under its request id, resting (OPEN) or filled at once, and returns its new order id. */
    Added add(long strategyId, String venueClientOrderId, OrderStatus status) {
        lock.lock();
        try {
            if (requests.find(strategyId, venueClientOrderId) >= 0) {
                return new Added.Duplicate();
            }
            if (numbered >= maxOrders) {
                return new Added.BookFull();
            }
            int order = ++numbered;
            if (order >= owners.length) {
                owners = Arrays.copyOf(owners, (int) Math.min((long) owners.length * 2, maxOrders + 1L));
            }
            owners[order] = strategyId;
            requests.putNew(strategyId, venueClientOrderId, order, status); // not found above, under this lock
            if (status == OrderStatus.OPEN) {
                open.set(order);
            } else {
                close(order, status);
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
            int request = requests.find(strategyId, venueClientOrderId);
            if (request < 0) {
                return Optional.empty();
            }
            int order = requests.order(request);
            OrderStatus now = open.get(order) ? OrderStatus.OPEN : closedStatus(order);
            return Optional.of(new VenueOrder(idOf(order), now == null ? requests.statusAfter(request) : now));
        } finally {
            lock.unlock();
        }
    }

    /** The order a cancel request with this id already cancelled, if it was accepted before. */
    Optional<String> cancelledBy(long strategyId, String venueClientOrderId) {
        lock.lock();
        try {
            int request = requests.find(strategyId, venueClientOrderId);
            return request < 0 ? Optional.empty() : Optional.of(idOf(requests.order(request)));
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
                close(order, OrderStatus.CANCELLED);
                requests.put(strategyId, venueClientOrderId, order, OrderStatus.CANCELLED);
                return Optional.of(OrderStatus.OPEN);
            }
            return Optional.ofNullable(closedStatus(order));
        } finally {
            lock.unlock();
        }
    }

    int maxOrders() {
        return maxOrders;
    }

    int openOrders() {
        lock.lock();
        try {
            return open.cardinality();
        } finally {
            lock.unlock();
        }
    }

    /** Remembers that the order closed (it closes once), forgetting the oldest closed order beyond the memory. */
    private void close(int order, OrderStatus status) {
        if (closedOrderMemory == 0) {
            return;
        }
        if (closedSize == closedOrderMemory) {
            int forgotten = closedOrders[closedNext];
            cancelled.clear(forgotten);
            filled.clear(forgotten);
        } else {
            if (closedSize == closedOrders.length) {
                closedOrders = Arrays.copyOf(closedOrders, Math.min(closedOrders.length * 2, closedOrderMemory));
            }
            closedSize++;
        }
        closedOrders[closedNext] = order;
        closedNext = (closedNext + 1) % closedOrderMemory;
        (status == OrderStatus.CANCELLED ? cancelled : filled).set(order);
    }

    /** CANCELLED or FILLED for a remembered closed order; null for an open or forgotten one. */
    private OrderStatus closedStatus(int order) {
        return cancelled.get(order) ? OrderStatus.CANCELLED : filled.get(order) ? OrderStatus.FILLED : null;
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
