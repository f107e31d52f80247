package io.batchcast.application.service;

import io.batchcast.application.port.out.ExecutionReport;
import io.batchcast.application.port.out.OrderExecutionPort;
import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OperationError;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** A test exchange: accepts everything but the refused symbols, numbers its orders, can be slow or down. */
class ScriptedExchange implements OrderExecutionPort {

    final AtomicInteger placeCalls = new AtomicInteger();
    final AtomicInteger cancelCalls = new AtomicInteger();
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
    public ExecutionReport place(long strategyId, NewOrder order) {
        placeCalls.incrementAndGet();
        beforePlace.accept(order);
        return call(() -> {
            if (refusedSymbols.contains(order.symbol())) {
                return new ExecutionReport.Rejected(OperationError.EXCHANGE_REJECTED, "symbol " + order.symbol() + " is not traded");
            }
            OrderStatus status = order.type() == OrderType.MARKET ? OrderStatus.FILLED : OrderStatus.OPEN;
            return new ExecutionReport.Accepted("x-" + ids.incrementAndGet(), status);
        });
    }

    @Override
    public ExecutionReport cancel(long strategyId, String orderId) {
        cancelCalls.incrementAndGet();
        return call(() -> cancelsRefused
                ? new ExecutionReport.Rejected(OperationError.EXCHANGE_REJECTED, "cancels are suspended")
                : new ExecutionReport.Accepted(orderId, OrderStatus.CANCELLED));
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
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            inFlight.decrementAndGet();
        }
    }
}
