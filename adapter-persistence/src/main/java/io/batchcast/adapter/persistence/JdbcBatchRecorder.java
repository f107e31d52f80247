package io.batchcast.adapter.persistence;

import io.batchcast.application.port.in.StoreUnavailableException;
import io.batchcast.application.port.out.BatchRecorder;
import io.batchcast.application.port.out.ClientOrderIdsTakenException;
import io.batchcast.application.port.out.RecordedBatch;
import io.batchcast.domain.BatchStatistics;
import io.batchcast.domain.OperationOutcome;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.Order;
import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.SummaryInterval;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The transactional outbox: orders, the batch (completing its request-id claim), its results and its event commit
 * together or not at all, as one member of a group commit whose members' rows are sent together (WriteSet).
 */
final class JdbcBatchRecorder implements BatchRecorder {

    private final GroupCommitter writer;
    private final StreamAppender appender;
    private final JdbcOrderStore orders;
    private final SummaryInterval statisticsPeriods;

    JdbcBatchRecorder(Transactions transactions, GroupCommitter writer, StreamAppender appender, Dialect dialect,
            SummaryInterval statisticsPeriods) {
        this.writer = writer;
        this.statisticsPeriods = statisticsPeriods;
        this.appender = appender;
        this.orders = new JdbcOrderStore(transactions, dialect);
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
        Set<String> placed = placedOrderIds(batch);
        try {
            return write(batch, placed);
        } catch (StoreUnavailableException e) {
            if (!uniqueViolation(e.getCause())) {
                throw e;
            }
            // Another batch of this strategy stored one of our client order ids after we checked them.
            Set<String> taken = orders.usedClientOrderIds(batch.stream().strategyId(), placedClientOrderIds(batch, placed));
            if (taken.isEmpty()) {
                throw e;
            }
            throw new ClientOrderIdsTakenException(taken, e);
        }
    }

    private Optional<StoredEvent> write(RecordedBatch batch, Set<String> placed) {
        // the batch's statistics ride the group's transaction, merged with the other members' (StatisticsRows)
        var statistics = new StatisticsRows.Share(batch.stream().strategyId(),
                statisticsPeriods.bucketStart(batch.completedAt()), BatchStatistics.tally(batch.results()));
        String userId = batch.stream().userId();
        var heads = batch.event().isPresent() ? new StreamAppender.Heads(userId, batch.stream().strategyId()) : null;
        return writer.inGroup("recording batch " + batch.batchId(), userId, batch.stream().strategyId(),
                statistics, heads, (connection, writes) -> {
            // The user's sequence row before anything else, then the stream row (StreamAppender, which the group
            // locked for all its members already when they exist): every transaction that appends takes its locks in
            // the same order. Then the batch row: it is the gate that lets exactly
            // one recording of a batch through (the call that executed it, or reconciliation), before either writes
            // an order row. The orders, the event and the heads are sent with the whole group's rows (WriteSet).
            Optional<StoredEvent> stored = Optional.empty();
            if (batch.event().isPresent()) {
                long userHead = appender.lockUser(connection, writes, userId);
                stored = Optional.of(appender.append(connection, writes, batch.event().get(), userHead));
            }
            BatchRows.complete(connection, writes, batch, stored.map(event -> event.id().seq()).orElse(null));
            OrderRows.write(writes, batch.orders(), placed);
            return stored;
        });
    }

    private static List<String> placedClientOrderIds(RecordedBatch batch, Set<String> placed) {
        List<String> ids = new ArrayList<>();
        for (Order order : batch.orders()) {
            if (placed.contains(order.orderId()) && !order.clientOrderId().isEmpty()) {
                ids.add(order.clientOrderId());
            }
        }
        return ids;
    }

    /** Batched statements report the first failure's state on the batch exception or in its chain. */
    private static boolean uniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            for (SQLException e = t instanceof SQLException sql ? sql : null; e != null; e = e.getNextException()) {
                if (UniqueViolation.is(e)) {
                    return true;
                }
            }
        }
        return false;
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
