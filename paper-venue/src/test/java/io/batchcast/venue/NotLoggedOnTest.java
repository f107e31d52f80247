package io.batchcast.venue;

import static io.batchcast.venue.Fixtures.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.adapter.exchange.fix.FixExchange;
import io.batchcast.adapter.exchange.fix.FixVenueException;
import io.batchcast.application.port.out.ExecutionReport.Rejected;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Session;
import quickfix.SessionID;

/** With no venue to log on to, nothing is sent, nothing is queued, and nothing reaches the venue once it is there. */
class NotLoggedOnTest {

    private static final SessionID GATEWAY_SESSION = new SessionID("FIX.4.4", "BATCHCAST", "PAPERVENUE");

    @TempDir
    Path dir;

    @Test
    void placeAndCancelAreUnavailableLookupThrowsAndTheVenueLaterReceivesNone() throws InterruptedException {
        int port = Fixtures.freePort();
        String notLoggedOn = "not logged on to the FIX venue at fix://127.0.0.1:" + port
                + " (FIX.4.4:BATCHCAST->PAPERVENUE); ";
        try (FixExchange exchange = FixExchange.start(Fixtures.gateway(port, dir.resolve("gateway")))) {
            assertFalse(exchange.isLoggedOn());

            assertEquals(new Rejected("EXCHANGE_UNAVAILABLE", notLoggedOn + "the order was not sent"),
                    exchange.place(1, "b1-0", limit("BTC-USDT", "1", "100")));
            assertEquals(new Rejected("EXCHANGE_UNAVAILABLE", notLoggedOn + "the cancel was not sent"),
                    exchange.cancel(1, "b1-1", "PV-t-1"));
            FixVenueException lookup = assertThrows(FixVenueException.class, () -> exchange.lookup(1, "b1-0"));
            assertEquals("cannot look up request b1-0 of strategy 1: " + notLoggedOn.substring(0,
                    notLoggedOn.length() - 2), lookup.getMessage());
            assertEquals(1, Session.lookupSession(GATEWAY_SESSION).getExpectedSenderNum(),
                    "no message was stored for a later resend: the next one sent is still number 1");

            try (PaperVenue venue = PaperVenue.start(Fixtures.venue(port, dir.resolve("venue")))) {
                assertTrue(exchange.awaitLogon(Fixtures.LOGON));
                // one round trip: anything the gateway had queued would have arrived before its answer
                assertEquals(Optional.empty(), exchange.lookup(1, "b1-0"));
                assertEquals(0, venue.requestsReceived("D"), "NewOrderSingle");
                assertEquals(0, venue.requestsReceived("F"), "OrderCancelRequest");
                assertEquals(1, venue.requestsReceived("H"), "OrderStatusRequest");
            }
        }
    }
}
