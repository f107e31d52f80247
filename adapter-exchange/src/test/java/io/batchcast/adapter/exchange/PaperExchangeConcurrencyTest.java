package io.batchcast.adapter.exchange;

import static io.batchcast.adapter.exchange.PaperExchangeTest.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.application.port.out.ExecutionReport;
import io.batchcast.application.port.out.ExecutionReport.Accepted;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PaperExchangeConcurrencyTest {

    private static <T> List<T> runConcurrently(int calls, Callable<T> call) throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                futures.add(threads.submit(call));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    @Test
    void concurrentPlacesGetDistinctIds() throws Exception {
        PaperExchange exchange = new PaperExchange(
                PaperExchangeSettings.defaults().withLatency(Duration.ofMillis(1)), "t");

        List<ExecutionReport> reports = runConcurrently(1000, () -> exchange.place(7, VenueIds.next(), limit("BTC-USDT", "1", "1")));

        Set<String> ids = new HashSet<>();
        reports.forEach(report -> ids.add(((Accepted) report).orderId()));
        Set<String> expected = new HashSet<>();
        for (int i = 1; i <= 1000; i++) {
            expected.add("PX-t-" + i);
        }
        assertEquals(expected, ids);
        assertEquals(1000, exchange.openOrders());
    }

    @Test
    void ofConcurrentCancelsOfOneOrderExactlyOneSucceeds() throws Exception {
        PaperExchange exchange = new PaperExchange(PaperExchangeSettings.defaults(), "t");
        exchange.place(7, VenueIds.next(), limit("BTC-USDT", "1", "1"));

        List<ExecutionReport> reports = runConcurrently(50, () -> exchange.cancel(7, VenueIds.next(), "PX-t-1"));

        assertEquals(1, reports.stream().filter(Accepted.class::isInstance).count());
        assertEquals(49, reports.stream()
                .filter(r -> r instanceof ExecutionReport.Rejected rejected
                        && rejected.reason().equals("ALREADY_CANCELLED"))
                .count());
    }

    @Test
    void eachCallWaitsAtLeastTheConfiguredLatency() {
        PaperExchange exchange = new PaperExchange(
                PaperExchangeSettings.defaults().withLatency(Duration.ofMillis(30)), "t");

        long start = System.nanoTime();
        exchange.place(7, VenueIds.next(), limit("BTC-USDT", "1", "1"));
        exchange.cancel(7, VenueIds.next(), "PX-t-1");

        // A lower bound only: sleeping guarantees it, so this cannot flake on a busy machine.
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(60).toNanos());
    }

    @Test
    void anInterruptedCallFailsWithoutEffectAndKeepsTheInterruptFlag() throws Exception {
        PaperExchange exchange = new PaperExchange(
                PaperExchangeSettings.defaults().withLatency(Duration.ofSeconds(30)), "t");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();

        Thread caller = Thread.ofVirtual().start(() -> {
            failure.set(assertThrows(IllegalStateException.class,
                    () -> exchange.place(7, VenueIds.next(), limit("BTC-USDT", "1", "1"))));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        caller.interrupt();
        caller.join();

        assertEquals("interrupted while waiting for the paper exchange", failure.get().getMessage());
        assertEquals(Boolean.TRUE, stillInterrupted.get());
        assertEquals(0, exchange.openOrders());
    }
}
