package io.batchcast.bootstrap;

import io.batchcast.adapter.exchange.PaperExchange;
import io.batchcast.adapter.exchange.PaperExchangeSettings;
import io.batchcast.adapter.exchange.fix.FixExchange;
import io.batchcast.adapter.exchange.fix.FixExchangeSettings;
import io.batchcast.adapter.exchange.fix.store.StoreDatabase;
import io.batchcast.adapter.persistence.PersistenceSettings;
import io.batchcast.application.port.out.OrderExecutionPort;
import io.helidon.config.Config;
import java.time.Duration;

/**
 * The exchange the gateway executes on, chosen by {@code batchcast.exchange} (environment: BATCHCAST_EXCHANGE):
 * <ul>
 *   <li>{@code paper} (the default): the in-process paper exchange, with the {@code batchcast.exchange.*} settings
 *       (latency, allowed-symbols, max-notional);</li>
 *   <li>{@code fix://host:port}: the FIX 4.4 adapter, logged on to the venue there (the paper venue of
 *       {@code batchcast.jar venue}, which several gateway instances can share) with {@code batchcast.fix.*}:
 *       sender-comp-id (BATCHCAST), target-comp-id (PAPERVENUE), timeout (PT5S), reconnect-interval (PT2S),
 *       heartbeat-interval (PT10S). Its message store lives in the gateway's database ({@code batchcast.db.*}).</li>
 * </ul>
 * Open it after adapter-persistence: Flyway refuses to migrate a non-empty schema it has no history for, and the
 * FIX message store adds its two tables to that schema.
 */
final class ExchangeConnection implements AutoCloseable {

    static final String PAPER = "paper";

    private final OrderExecutionPort port;
    private final String description;
    private final AutoCloseable resources;

    private ExchangeConnection(OrderExecutionPort port, String description, AutoCloseable resources) {
        this.port = port;
        this.description = description;
        this.resources = resources;
    }

    /**
     * The exchange {@code root}'s {@code batchcast.exchange} names; {@code paper} are the paper exchange's settings
     * (already read from {@code batchcast.exchange.*}), {@code database} the gateway's own database.
     */
    static ExchangeConnection open(Config root, PaperExchangeSettings paper, PersistenceSettings database) {
        Config batchcast = root.get("batchcast");
        String exchange = batchcast.get("exchange").asString().orElse(PAPER).strip();
        if (exchange.isEmpty() || exchange.equals(PAPER)) {
            return new ExchangeConnection(new PaperExchange(paper), "paper exchange (in-process)", null);
        }
        if (!FixExchangeSettings.isFixAddress(exchange)) {
            throw new IllegalArgumentException("batchcast.exchange (BATCHCAST_EXCHANGE) must be 'paper' or"
                    + " fix://host:port, was '" + exchange + "'");
        }
        FixExchange fix = FixExchange.start(fixSettings(batchcast, exchange, database));
        return new ExchangeConnection(fix, "FIX venue " + fix.settings().address() + " as "
                + fix.settings().senderCompId() + " -> " + fix.settings().targetCompId(), fix);
    }

    static FixExchangeSettings fixSettings(Config batchcast, String address, PersistenceSettings database) {
        Config fix = batchcast.get("fix");
        return FixExchangeSettings.of(address, new StoreDatabase(database.url(), database.user(), database.password()))
                .withCompIds(fix.get("sender-comp-id").asString().orElse(FixExchangeSettings.DEFAULT_SENDER_COMP_ID),
                        fix.get("target-comp-id").asString().orElse(FixExchangeSettings.DEFAULT_TARGET_COMP_ID))
                .withTimeout(fix.get("timeout").as(Duration.class).orElse(FixExchangeSettings.DEFAULT_TIMEOUT))
                .withReconnectInterval(fix.get("reconnect-interval").as(Duration.class)
                        .orElse(FixExchangeSettings.DEFAULT_RECONNECT_INTERVAL))
                .withHeartbeatInterval(fix.get("heartbeat-interval").as(Duration.class)
                        .orElse(FixExchangeSettings.DEFAULT_HEARTBEAT_INTERVAL));
    }

    OrderExecutionPort port() {
        return port;
    }

    /** For the log: which exchange this is. */
    String description() {
        return description;
    }

    /** Logs the FIX session out and closes its store; nothing for the paper exchange. */
    @Override
    public void close() {
        if (resources == null) {
            return;
        }
        try {
            resources.close();
        } catch (Exception e) {
            System.getLogger(ExchangeConnection.class.getName()).log(System.Logger.Level.WARNING,
                    "closing " + description + " failed: " + e.getMessage(), e);
        }
    }
}
