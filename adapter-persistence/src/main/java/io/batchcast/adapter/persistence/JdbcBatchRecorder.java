package io.batchcast.adapter.persistence;

import io.batchcast.application.port.out.BatchRecorder;
import io.batchcast.application.port.out.RecordedBatch;
import io.batchcast.domain.OperationOutcome;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.Order;
import io.batchcast.domain.StoredEvent;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The transactional outbox: orders, the batch (completing its request-id claim), its results and its event commit
 * together or not at all. The stream row is locked last so that the lock, which serializes a stream's appends across
 * instances, is held for as short a time as possible.
 */
final class JdbcBatchRecorder implements BatchRecorder {

    private final Transactions transactions;
    private final StreamAppender appender;

    JdbcBatchRecorder(Transactions transactions, StreamAppender appender) {
        this.transactions = transactions;
        this.appender = appender;
    }

    @Override
    public Optional<StoredEvent> record(RecordedBatch batch) {
        BatchRows.checkLimits(batch);
        batch.orders().forEach(OrderRows::checkLimits);
        for (Order order : batch.orders()) {
            if (order.strategyId() != batch.stream().strategyId()) {
                throw new IllegalArgumentException("orders must belong to strategy " + batch.stream().strategyId()
                        + ", order " + order.orderId() + " belongs to " + order.strategyId());
            }
        }
        return transactions.inTransaction("recording batch " + batch.batchId(), connection -> {
            OrderRows.write(connection, batch.orders(), placedOrderIds(batch));
            BatchRows.complete(connection, batch);
            BatchRows.insertResults(connection, batch.batchId(), batch.results());
            if (batch.event().isEmpty()) {
                return Optional.empty();
            }
            StoredEvent stored = appender.append(connection, batch.event().get());
            BatchRows.setEventSeq(connection, batch.batchId(), stored.id().seq());
            return Optional.of(stored);
        });
    }

    /** The batch's CREATED results name the orders it placed: rows to insert; its other orders exist already. */
    private static Set<String> placedOrderIds(RecordedBatch batch) {
        Set<String> placed = new HashSet<>();
        for (OperationResult result : batch.results()) {
            if (result.outcome() == OperationOutcome.CREATED) {
                placed.add(result.orderId());
            }
        }
        return placed;
    }
}
