package io.batchcast.adapter.grpc;

import static io.batchcast.adapter.grpc.Batches.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.adapter.exchange.PaperExchangeSettings;
import io.batchcast.application.service.BatchLimits;
import io.batchcast.proto.v1.OperationOutcome;
import io.batchcast.proto.v1.OperationResult;
import io.batchcast.proto.v1.OrderOperation;
import io.batchcast.proto.v1.SubmitOrderBatchRequest;
import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    private static final int OPERATIONS = 10;

    // one operation at a time, 100 ms each: the whole batch needs ~1 s, the deadline allows ~0.25 s
    private final InProcessBatchcast batchcast = new InProcessBatchcast(
            PaperExchangeSettings.defaults().withLatency(Duration.ofMillis(100)),
            new BatchLimits(BatchLimits.DEFAULT_MAX_BATCH_OPERATIONS, 1), io.batchcast.application.service.DeliveryLimits.defaults());

    @AfterEach
    void close() throws InterruptedException {
        batchcast.close();
    }

    @Test
    void operationsNotStartedBeforeTheDeadlineAreNeverStarted() throws InterruptedException {
        long strategy = batchcast.createStrategy("alice", "grid");
        List<OrderOperation> operations = new ArrayList<>();
        for (int i = 0; i < OPERATIONS; i++) {
            operations.add(limit("l" + i));
        }
        SubmitOrderBatchRequest request = Batches.batch(strategy, "slow-batch", operations);

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> batchcast.orderBatches("alice")
                .withDeadlineAfter(250, TimeUnit.MILLISECONDS).submitOrderBatch(request));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());

        // The server finishes the operations already running and records the batch; the client, retrying with its
        // request id as AIP-155 intends, learns which operations ran.
        SubmitOrderBatchResponse stored = retryUntilRecorded(request);
        int executed = batchcast.exchangeCalls.get();
        assertTrue(executed < OPERATIONS, "exchange saw " + executed + " calls for " + OPERATIONS + " operations");
        assertEquals(executed, count(stored, OperationOutcome.OPERATION_OUTCOME_CREATED));
        List<OperationResult> notExecuted = stored.getResultsList().stream()
                .filter(r -> r.getOutcome() == OperationOutcome.OPERATION_OUTCOME_REJECTED).toList();
        assertEquals(OPERATIONS - executed, notExecuted.size());
        for (OperationResult result : notExecuted) {
            assertEquals("NOT_EXECUTED", result.getError().getReason());
            assertEquals("l" + result.getIndex(), result.getClientOrderId());
        }
        assertEquals(executed, batchcast.paperExchange.openOrders());
        assertEquals(executed, batchcast.exchangeCalls.get(), "the retry must not execute anything");
    }

    private SubmitOrderBatchResponse retryUntilRecorded(SubmitOrderBatchRequest request) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return batchcast.orderBatches("alice").submitOrderBatch(request);
            } catch (StatusRuntimeException e) {
                // ABORTED: the first call still holds the request id (its running operations are finishing)
                if (e.getStatus().getCode() != Status.Code.ABORTED || System.nanoTime() > giveUp) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    private static long count(SubmitOrderBatchResponse response, OperationOutcome outcome) {
        return response.getResultsList().stream().filter(r -> r.getOutcome() == outcome).count();
    }
}
