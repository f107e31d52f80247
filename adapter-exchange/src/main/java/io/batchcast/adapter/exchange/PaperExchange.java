package io.batchcast.adapter.exchange;

import io.batchcast.application.port.out.ExecutionReport;
import io.batchcast.application.port.out.OrderExecutionPort;
import io.batchcast.application.port.out.VenueOrder;
import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OperationError;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A simulated exchange, the default {@link OrderExecutionPort}: accepts orders that pass its {@link TradingRules},
 * rests LIMIT and STOP orders until cancelled, fills MARKET orders at once. Thread-safe; every call first sleeps the
 * configured latency, which is cheap because callers run on virtual threads.
 *
 * <p>Order ids look like {@code PX-<session>-<n>}. The session part differs per instance because the paper exchange
 * forgets everything on restart while the database remembers the orders: ids must never be handed out twice.
 */
public final class PaperExchange implements OrderExecutionPort {

    private static final String SESSION_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

    private final Duration latency;
    private final TradingRules rules;
    private final OrderBook book;

    public PaperExchange(PaperExchangeSettings settings) {
        this(settings, randomSession());
    }

    /** With a fixed session part, for reproducible order ids in tests and demos. */
    public PaperExchange(PaperExchangeSettings settings, String session) {
        this(settings, session, OrderBook.MAX_ORDERS);
    }

    /** With at most {@code maxOrders} orders in the session, so that a test can reach the end. */
    PaperExchange(PaperExchangeSettings settings, String session, int maxOrders) {
        Objects.requireNonNull(settings, "settings");
        if (session == null || !session.matches("[a-z0-9]{1,16}")) {
            throw new IllegalArgumentException("session must be 1-16 of [a-z0-9], was '" + session + "'");
        }
        this.latency = settings.latency();
        this.rules = new TradingRules(settings);
        this.book = new OrderBook("PX-" + session + "-", settings.closedOrderMemory(), maxOrders);
    }

    @Override
    public ExecutionReport place(long strategyId, String venueClientOrderId, NewOrder order) {
        simulateLatency();
        Optional<String> violation = rules.violation(order);
        if (violation.isPresent()) {
            return new ExecutionReport.Rejected(OperationError.EXCHANGE_REJECTED, violation.get());
        }
        OrderStatus status = order.type() == OrderType.MARKET ? OrderStatus.FILLED : OrderStatus.OPEN;
        return switch (book.add(strategyId, venueClientOrderId, status)) {
            case OrderBook.Added.Placed placed -> new ExecutionReport.Accepted(placed.orderId(), status);
            case OrderBook.Added.Duplicate duplicate -> new ExecutionReport.Rejected(
                    OperationError.DUPLICATE_CLIENT_ORDER_ID,
                    "the venue already accepted a request with client order id " + venueClientOrderId);
            case OrderBook.Added.BookFull full -> new ExecutionReport.Rejected(OperationError.EXCHANGE_REJECTED,
                    "the paper exchange took " + book.maxOrders() + " orders this session; restart it");
        };
    }

    @Override
    public ExecutionReport cancel(long strategyId, String venueClientOrderId, String orderId) {
        simulateLatency();
        Optional<String> earlier = book.cancelledBy(strategyId, venueClientOrderId);
        if (earlier.isPresent()) {
            // The same cancel request again (a retry): it already took effect, and answers the same.
            return new ExecutionReport.Accepted(earlier.get(), OrderStatus.CANCELLED);
        }
        Optional<OrderStatus> before = book.cancel(strategyId, venueClientOrderId, orderId);
        if (before.isEmpty()) {
            return new ExecutionReport.Rejected(OperationError.UNKNOWN_ORDER,
                    "strategy " + strategyId + " has no order " + orderId);
        }
        return switch (before.get()) {
            case OPEN -> new ExecutionReport.Accepted(orderId, OrderStatus.CANCELLED);
            case CANCELLED -> new ExecutionReport.Rejected(OperationError.ALREADY_CANCELLED,
                    "order " + orderId + " is already cancelled");
            case FILLED -> new ExecutionReport.Rejected(OperationError.NOT_CANCELLABLE,
                    "order " + orderId + " is filled and can no longer be cancelled");
        };
    }

    @Override
    public Optional<VenueOrder> lookup(long strategyId, String venueClientOrderId) {
        simulateLatency();
        return book.lookup(strategyId, venueClientOrderId);
    }

    /** Orders resting on the book, over all strategies. */
    public int openOrders() {
        return book.openOrders();
    }

    private void simulateLatency() {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // Thrown before the call had any effect; the gateway treats it as an unknown outcome and asks lookup.
            throw new IllegalStateException("interrupted while waiting for the paper exchange", e);
        }
    }

    private static String randomSession() {
        SecureRandom random = new SecureRandom();
        StringBuilder session = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            session.append(SESSION_ALPHABET.charAt(random.nextInt(SESSION_ALPHABET.length())));
        }
        return session.toString();
    }
}
