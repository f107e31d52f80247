package io.batchcast.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchcast.application.port.in.BatchCapacityExceededException;
import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.in.SubmitOrderBatchCommand;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchAdmissionTest {

    private static final SubmitOrderBatchCommand COMMAND = new SubmitOrderBatchCommand("u1", 1, "", List.of(Ops.limit("a")));
    private static final BatchReceipt RECEIPT = new BatchReceipt("b1", List.of(), List.of(), Optional.empty());

    @Test
    void aBatchBeyondTheLimitIsRefusedBeforeItRunsAndTheNextOneIsAdmittedOnceASlotFrees() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger executed = new AtomicInteger();
        BatchAdmission admission = new BatchAdmission(command -> {
            executed.incrementAndGet();
            running.countDown();
            await(release);
            return RECEIPT;
        }, 1, Duration.ofMillis(50));

        try (ExecutorService threads = Executors.newSingleThreadExecutor()) {
            Future<BatchReceipt> first = threads.submit(() -> admission.submit(COMMAND));
            running.await();

            var refused = assertThrows(BatchCapacityExceededException.class, () -> admission.submit(COMMAND));
            assertEquals("this server is already executing 1 batches (limits.max-batches-in-flight) and none finished "
                    + "within 50 ms; nothing was executed, retry with backoff", refused.getMessage());
            assertEquals(1, executed.get());

            release.countDown();
            assertSame(RECEIPT, first.get());
        }
        assertSame(RECEIPT, admission.submit(COMMAND));
        assertEquals(2, executed.get());
    }

    @Test
    void aFailingBatchGivesItsSlotBack() {
        BatchAdmission admission = new BatchAdmission(command -> {
            throw new IllegalStateException("boom");
        }, 1, Duration.ZERO);

        assertThrows(IllegalStateException.class, () -> admission.submit(COMMAND));
        assertThrows(IllegalStateException.class, () -> admission.submit(COMMAND), "not BatchCapacityExceeded");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
