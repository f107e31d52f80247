package io.batchcast.venue;

import static io.batchcast.venue.Fixtures.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.adapter.exchange.fix.FixExchange;
import io.batchcast.application.port.out.ExecutionReport.Accepted;
import io.batchcast.application.port.out.VenueOrder;
import io.batchcast.domain.OrderStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Session;
import quickfix.SessionID;

/**
 * When the venue asks for a resend of messages that include a NewOrderSingle, the gateway sends a gap fill in its
 * place: the order is never offered again. Status requests are resent.
 */
class NoStaleResendTest {

    private static final SessionID VENUE_SESSION = new SessionID("FIX.4.4", "PAPERVENUE", "BATCHCAST");

    @TempDir
    Path dir;

    @Test
    void aResendRequestGetsAGapFillForTheOrderAndTheVenueSeesItOnce() throws InterruptedException, IOException {
        int port = Fixtures.freePort();
        try (PaperVenue venue = PaperVenue.start(Fixtures.venue(port, dir.resolve("venue")));
                FixExchange exchange = Fixtures.loggedOn(Fixtures.gateway(port, dir.resolve("gateway")))) {
            Accepted placed = (Accepted) exchange.place(1, "b1-0", limit("BTC-USDT", "1", "100"));
            assertEquals(1, venue.requestsReceived("D"));

            // The venue forgets that it received the NewOrderSingle (as after restoring an older store): the next
            // message from the gateway is too high, and the venue asks for a resend from the order's number on.
            Session session = Session.lookupSession(VENUE_SESSION);
            session.setNextTargetMsgSeqNum(session.getExpectedTargetNum() - 1);

            assertEquals(Optional.of(new VenueOrder(placed.orderId(), OrderStatus.OPEN)), exchange.lookup(1, "b1-0"));
            assertEquals(1, venue.requestsReceived("D"), "the NewOrderSingle was not resent");
            assertEquals(Optional.of(new VenueOrder(placed.orderId(), OrderStatus.OPEN)), exchange.lookup(1, "b1-0"),
                    "the session is in step again");
        }
    }
}
