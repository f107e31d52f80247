package io.batchcast.application.service;

import io.batchcast.application.port.out.ExecutionReport;
import io.batchcast.application.port.out.OrderExecutionPort;
import io.batchcast.application.port.out.VenueOrder;
import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OperationError;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** A test exchange: accepts everything but the refused symbols, numbers its orders, can be slow or down. */
class ScriptedExchange implements OrderExecutionPort {

    final AtomicInteger placeCalls = new AtomicInteger();
    final AtomicInteger cancelCalls = new AtomicInteger();
    final AtomicInteger lookupCalls = new AtomicInteger();
    /** Every venue client order id a place or cancel was sent with, in order. */
    final List<String> venueIdsSeen = new CopyOnWriteArrayList<>();
    /** What each accepted request did, by strategy and venue client order id (what lookup answers). */
    private final Map<String, VenueOrder> acted = new ConcurrentHashMap<>();
    /** Requests take effect, but their answers never arrive (a timeout after the venue acted). */
    volatile boolean answersLost;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    volatile Set<String> refusedSymbols = Set.of();
    volatile Duration latency = Duration.ZERO;
    volatile boolean down;
    /** Cancels answer {@code EXCHANGE_REJECTED} while set. */
    volatile boolean cancelsRefused;
    /** Runs at the start of every place call, e.g. to let a concurrent batch act while the order is in flight. */
    volatile Consumer<NewOrder> beforePlace = order -> { };

    @Override
    public ExecutionReport place(long strategyId, String venueClientOrderId, NewOrder order) {
        placeCalls.incrementAndGet();
        venueIdsSeen.add(venueClientOrderId);
        beforePlace.accept(order);
        return call(() -> {
            if (refusedSymbols.contains(order.symbol())) {
                return new ExecutionReport.Rejected(OperationError.EXCHANGE_REJECTED, "symbol " + order.symbol() + " is not traded");
            }
            if (acted.containsKey(strategyId + "/" + venueClientOrderId)) {
                return new ExecutionReport.Rejected(OperationError.DUPLICATE_CLIENT_ORDER_ID, "seen " + venueClientOrderId);
            }
            OrderStatus status = order.type() == OrderType.MARKET ? OrderStatus.FILLED : OrderStatus.OPEN;
            String orderId = "x-" + ids.incrementAndGet();
            acted.put(strategyId + "/" + venueClientOrderId, new VenueOrder(orderId, status));
            return new ExecutionReport.Accepted(orderId, status);
        });
    }

    @Override
    public ExecutionReport cancel(long strategyId, String venueClientOrderId, String orderId) {
        cancelCalls.incrementAndGet();
        venueIdsSeen.add(venueClientOrderId);
        return call(() -> {
            if (cancelsRefused) {
                return new ExecutionReport.Rejected(OperationError.EXCHANGE_REJECTED, "cancels are suspended");
            }
            acted.put(strategyId + "/" + venueClientOrderId, new VenueOrder(orderId, OrderStatus.CANCELLED));
            return new ExecutionReport.Accepted(orderId, OrderStatus.CANCELLED);
        });
    }

    @Override
    public Optional<VenueOrder> lookup(long strategyId, String venueClientOrderId) {
        lookupCalls.incrementAndGet();
        if (down) {
            throw new IllegalStateException("connection refused");
        }
        return Optional.ofNullable(acted.get(strategyId + "/" + venueClientOrderId));
    }

    private ExecutionReport call(java.util.function.Supplier<ExecutionReport> answer) {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            if (!latency.isZero()) {
                Thread.sleep(latency);
            }
            if (down) {
                throw new IllegalStateException("connection refused");
            }
            ExecutionReport report = answer.get();
            if (answersLost) {
                throw new IllegalStateException("no answer within the timeout");
            }
            return report;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            inFlight.decrementAndGet();
        }
    }
}
