package io.batchcast.venue;

import static io.batchcast.venue.Fixtures.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.adapter.exchange.PaperExchangeSettings;
import io.batchcast.adapter.exchange.fix.FixExchange;
import io.batchcast.application.port.out.ExecutionReport;
import io.batchcast.application.port.out.ExecutionReport.Accepted;
import io.batchcast.domain.OrderStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway places a batch's orders in parallel from virtual threads, as the application does: every call gets its
 * own answer, and the venue's latency is paid per request, not once per request in a queue.
 */
class ConcurrentRequestsTest {

    private static final int ORDERS = 100;

    @TempDir
    Path dir;

    @Test
    void aHundredOrdersAtOnceAreAnsweredEachWithinAboutOneLatency() throws Exception {
        int port = Fixtures.freePort();
        PaperExchangeSettings slow = PaperExchangeSettings.defaults().withLatency(Duration.ofMillis(300));
        try (PaperVenue venue = PaperVenue.start(Fixtures.venue(port, dir.resolve("venue"), slow));
                FixExchange exchange = Fixtures.loggedOn(Fixtures.gateway(port, dir.resolve("gateway")));
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            long start = System.nanoTime();
            List<Future<ExecutionReport>> calls = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                String id = "b1-" + i;
                calls.add(threads.submit(() -> exchange.place(1, id, limit("BTC-USDT", "1", "100"))));
            }
            Set<String> orderIds = new HashSet<>();
            for (Future<ExecutionReport> call : calls) {
                Accepted accepted = (Accepted) call.get();
                assertEquals(OrderStatus.OPEN, accepted.status());
                orderIds.add(accepted.orderId());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            Set<String> expected = new HashSet<>();
            for (int n = 1; n <= ORDERS; n++) {
                expected.add("PV-t-" + n);
            }
            assertEquals(expected, orderIds);
            assertEquals(ORDERS, exchange.massStatus(1).size());
            // one after the other they would take 100 x 300 ms = 30 s
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "took " + took);
        }
    }
}
