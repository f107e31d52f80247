package io.batchcast.venue;

import io.batchcast.adapter.exchange.PaperExchangeSettings;
import io.batchcast.adapter.exchange.fix.FixExchange;
import io.batchcast.adapter.exchange.fix.FixExchangeSettings;
import io.batchcast.adapter.exchange.fix.store.StoreDatabase;
import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.Side;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

/** Orders, free ports and the two ends of a FIX session on this machine, for the venue's tests. */
final class Fixtures {

    /** Long enough for a logon on a loaded CI machine; a test that waits this long has failed anyway. */
    static final Duration LOGON = Duration.ofSeconds(15);

    private Fixtures() {
    }

    static NewOrder limit(String symbol, String quantity, String price) {
        return new NewOrder("c1", symbol, Side.BUY, OrderType.LIMIT, new BigDecimal(quantity), new BigDecimal(price),
                null);
    }

    static NewOrder market(String quantity) {
        return new NewOrder("m1", "BTC-USDT", Side.SELL, OrderType.MARKET, new BigDecimal(quantity), null, null);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static VenueSettings venue(int port, Path data) {
        return VenueSettings.defaults().withAddress("127.0.0.1", port).withDataDirectory(data).withIdPrefixIfNew("PV-t-");
    }

    static VenueSettings venue(int port, Path data, PaperExchangeSettings rules) {
        return venue(port, data).withRules(rules);
    }

    /** The adapter's settings for a venue on this machine, with its message store in an H2 file under {@code dir}. */
    static FixExchangeSettings gateway(int port, Path dir) {
        return FixExchangeSettings.of("fix://127.0.0.1:" + port, h2(dir))
                .withReconnectInterval(Duration.ofSeconds(1))
                .withHeartbeatInterval(Duration.ofSeconds(5));
    }

    static StoreDatabase h2(Path dir) {
        return new StoreDatabase("jdbc:h2:file:" + dir.resolve("gateway").toAbsolutePath(), "", "");
    }

    static FixExchange loggedOn(FixExchangeSettings settings) throws InterruptedException {
        FixExchange exchange = FixExchange.start(settings);
        if (!exchange.awaitLogon(LOGON)) {
            exchange.close();
            throw new AssertionError("the adapter did not log on to " + settings.address() + " within " + LOGON);
        }
        return exchange;
    }
}
