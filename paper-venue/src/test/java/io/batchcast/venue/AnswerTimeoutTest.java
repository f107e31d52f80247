package io.batchcast.venue;

import static io.batchcast.venue.Fixtures.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchcast.adapter.exchange.PaperExchangeSettings;
import io.batchcast.adapter.exchange.fix.FixExchange;
import io.batchcast.adapter.exchange.fix.FixExchangeSettings;
import io.batchcast.adapter.exchange.fix.FixVenueException;
import io.batchcast.application.port.out.VenueOrder;
import io.batchcast.domain.OrderStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A venue slower than the adapter's timeout: the place throws (outcome unknown), and a later lookup finds the order. */
class AnswerTimeoutTest {

    @TempDir
    Path dir;

    @Test
    void aPlaceWhoseAnswerTimesOutThrowsAndALaterLookupFindsTheOrder() throws InterruptedException {
        int port = Fixtures.freePort();
        PaperExchangeSettings slow = PaperExchangeSettings.defaults().withLatency(Duration.ofMillis(1200));
        FixExchangeSettings gateway = Fixtures.gateway(port, dir.resolve("gateway"));
        try (PaperVenue venue = PaperVenue.start(Fixtures.venue(port, dir.resolve("venue"), slow))) {
            try (FixExchange impatient = Fixtures.loggedOn(gateway.withTimeout(Duration.ofMillis(300)))) {
                FixVenueException timeout = assertThrows(FixVenueException.class,
                        () -> impatient.place(1, "b1-0", limit("BTC-USDT", "1", "100")));
                assertEquals("no answer from the FIX venue at fix://127.0.0.1:" + port + " within PT0.3S to the order"
                        + " b1-0 of strategy 1; its outcome is unknown", timeout.getMessage());
            }
            // The same gateway session, started again with a timeout above the venue's latency: its lookup asks the
            // venue what became of b1-0. (The venue's late answer to the place is resent after the logon and dropped.)
            try (FixExchange patient = Fixtures.loggedOn(gateway.withTimeout(Duration.ofSeconds(5)))) {
                assertEquals(Optional.of(new VenueOrder("PV-t-1", OrderStatus.OPEN)), patient.lookup(1, "b1-0"));
            }
            assertEquals(1, venue.requestsReceived("D"));
        }
    }
}
