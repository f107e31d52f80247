package io.batchcast.application.service;

import io.batchcast.application.port.in.BatchNotFoundException;
import io.batchcast.application.port.in.BatchNotSettledException;
import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.in.BatchValidationException;
import io.batchcast.application.port.in.FieldViolation;
import io.batchcast.application.port.in.GetOrderBatchUseCase;
import io.batchcast.application.port.in.ListOrdersQuery;
import io.batchcast.application.port.in.ListOrdersUseCase;
import io.batchcast.application.port.in.OrderCursor;
import io.batchcast.application.port.in.OrderPage;
import io.batchcast.application.port.in.StrategyNotFoundException;
import io.batchcast.application.port.out.OrderHistory;
import io.batchcast.application.port.out.StoredBatch;
import io.batchcast.application.port.out.StoredBatches;
import io.batchcast.application.port.out.StrategyStore;
import io.batchcast.domain.Order;
import java.util.List;
import java.util.Optional;

/** Reading back what earlier batches did: a batch's receipt, and the strategy's orders page by page. */
public final class ReadingBack implements GetOrderBatchUseCase, ListOrdersUseCase {

    /** Batch ids are UUIDs; anything longer than a stored id can be cannot name a batch. */
    public static final int MAX_BATCH_ID_LENGTH = 255;

    private final StrategyStore strategies;
    private final StoredBatches batches;
    private final OrderHistory orders;

    public ReadingBack(StrategyStore strategies, StoredBatches batches, OrderHistory orders) {
        this.strategies = strategies;
        this.batches = batches;
        this.orders = orders;
    }

    @Override
    public BatchReceipt get(String userId, long strategyId, String batchId) {
        if (batchId == null || batchId.isEmpty() || batchId.length() > MAX_BATCH_ID_LENGTH) {
            throw new BatchValidationException(List.of(new FieldViolation("batch_id", "must be the batch_id of a"
                    + " SubmitOrderBatch response, 1 to " + MAX_BATCH_ID_LENGTH + " characters, had "
                    + (batchId == null ? 0 : batchId.length()))));
        }
        requireOwned(userId, strategyId);
        return switch (batches.batch(strategyId, batchId).orElseThrow(
                () -> new BatchNotFoundException(strategyId, batchId))) {
            case StoredBatch.Recorded recorded -> recorded.receipt();
            case StoredBatch.Unsettled unsettled -> throw new BatchNotSettledException(batchId, unsettled.requestId());
        };
    }

    @Override
    public OrderPage list(ListOrdersQuery query) {
        requireOwned(query.userId(), query.strategyId());
        // one row more than asked tells whether another page follows, so an empty cursor reliably means "no more"
        List<Order> found = orders.newestFirst(query.strategyId(), query.status(), query.after(), query.pageSize() + 1);
        if (found.size() <= query.pageSize()) {
            return new OrderPage(found, Optional.empty());
        }
        List<Order> page = found.subList(0, query.pageSize());
        Order last = page.getLast();
        return new OrderPage(page, Optional.of(new OrderCursor(last.createdAt(), last.orderId())));
    }

    private void requireOwned(String userId, long strategyId) {
        strategies.find(strategyId)
                .filter(s -> s.userId().equals(userId))
                .orElseThrow(() -> new StrategyNotFoundException(strategyId));
    }
}
