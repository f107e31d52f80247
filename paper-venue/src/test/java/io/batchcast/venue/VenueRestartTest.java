package io.batchcast.venue;

import static io.batchcast.venue.Fixtures.limit;
import static io.batchcast.venue.Fixtures.market;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.adapter.exchange.fix.FixExchange;
import io.batchcast.adapter.exchange.fix.FixVenueException;
import io.batchcast.application.port.out.ExecutionReport;
import io.batchcast.application.port.out.ExecutionReport.Accepted;
import io.batchcast.application.port.out.ExecutionReport.Rejected;
import io.batchcast.application.port.out.VenueOrder;
import io.batchcast.domain.OrderStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The venue as a separate process, killed with SIGKILL (kill -9) and started again on the same data directory: the
 * book is as it was, the adapter reconnects by itself and every lookup answers as before the kill.
 */
class VenueRestartTest {

    @TempDir
    Path dir;

    @Test
    void aVenueKilledWithSigkillKeepsItsBookAndTheAdapterReconnectsByItself() throws Exception {
        int port = Fixtures.freePort();
        Path data = dir.resolve("venue");
        FixExchange exchange = null;
        VenueProcess first = VenueProcess.start(port, data, dir.resolve("venue-1.log"), "PV-r-");
        try {
            exchange = Fixtures.loggedOn(Fixtures.gateway(port, dir.resolve("gateway")));
            assertEquals(new Accepted("PV-r-1", OrderStatus.OPEN), exchange.place(7, "b1-0", limit("BTC-USDT", "1", "100")));
            assertEquals(new Accepted("PV-r-2", OrderStatus.FILLED), exchange.place(7, "b1-1", market("0.5")));
            assertEquals(new Accepted("PV-r-3", OrderStatus.OPEN), exchange.place(7, "b1-2", limit("ETH-USDT", "2", "10")));
            assertEquals(new Accepted("PV-r-3", OrderStatus.CANCELLED), exchange.cancel(7, "b2-0", "PV-r-3"));
            Map<String, Optional<VenueOrder>> before = lookups(exchange);

            first.kill9();
            awaitLoggedOut(exchange);
            assertEquals("EXCHANGE_UNAVAILABLE",
                    ((Rejected) exchange.place(7, "b3-0", limit("BTC-USDT", "1", "100"))).reason());
            FixExchange down = exchange;
            assertThrows(FixVenueException.class, () -> down.lookup(7, "b1-0"));

            try (VenueProcess second = VenueProcess.start(port, data, dir.resolve("venue-2.log"), "PV-other-")) {
                assertTrue(exchange.awaitLogon(Fixtures.LOGON), "the adapter reconnects and logs on by itself");

                assertEquals(before, lookups(exchange));
                assertEquals(Map.of(
                                "b1-0", Optional.of(new VenueOrder("PV-r-1", OrderStatus.OPEN)),
                                "b1-1", Optional.of(new VenueOrder("PV-r-2", OrderStatus.FILLED)),
                                "b1-2", Optional.of(new VenueOrder("PV-r-3", OrderStatus.CANCELLED)),
                                "b2-0", Optional.of(new VenueOrder("PV-r-3", OrderStatus.CANCELLED)),
                                "b3-0", Optional.empty()),
                        before, "b3-0 was refused while the venue was down and never sent");
                Map<String, VenueOrder> massStatus = new LinkedHashMap<>();
                massStatus.put("b1-0", new VenueOrder("PV-r-1", OrderStatus.OPEN));
                massStatus.put("b1-1", new VenueOrder("PV-r-2", OrderStatus.FILLED));
                massStatus.put("b1-2", new VenueOrder("PV-r-3", OrderStatus.CANCELLED));
                assertEquals(List.copyOf(massStatus.entrySet()), List.copyOf(exchange.massStatus(7).entrySet()));

                assertEquals(new Rejected("DUPLICATE_CLIENT_ORDER_ID",
                                "the venue already accepted a request with client order id b1-0"),
                        exchange.place(7, "b1-0", limit("BTC-USDT", "1", "100")), "the book remembers b1-0");
                assertEquals(new Accepted("PV-r-3", OrderStatus.CANCELLED), exchange.cancel(7, "b2-0", "PV-r-3"),
                        "the same cancel again answers as the first time");
                assertEquals(new Accepted("PV-r-1", OrderStatus.CANCELLED), exchange.cancel(7, "b2-1", "PV-r-1"));
                ExecutionReport next = exchange.place(7, "b3-0", limit("BTC-USDT", "1", "100"));
                assertEquals(new Accepted("PV-r-4", OrderStatus.OPEN), next,
                        "ids go on under the book's own prefix, never handed out twice");
            }
        } finally {
            if (exchange != null) {
                exchange.close();
            }
            first.close();
        }
    }

    private static Map<String, Optional<VenueOrder>> lookups(FixExchange exchange) {
        Map<String, Optional<VenueOrder>> answers = new LinkedHashMap<>();
        for (String id : List.of("b1-0", "b1-1", "b1-2", "b2-0", "b3-0")) {
            answers.put(id, exchange.lookup(7, id));
        }
        return answers;
    }

    private static void awaitLoggedOut(FixExchange exchange) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (exchange.isLoggedOn()) {
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("the adapter did not notice the venue's death within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
