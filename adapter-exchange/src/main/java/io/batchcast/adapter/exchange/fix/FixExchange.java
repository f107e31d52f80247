package io.batchcast.adapter.exchange.fix;

import io.batchcast.adapter.exchange.fix.PendingReplies.Key;
import io.batchcast.adapter.exchange.fix.PendingReplies.Kind;
import io.batchcast.adapter.exchange.fix.PendingReplies.Waiter;
import io.batchcast.adapter.exchange.fix.store.FixMessageStore;
import io.batchcast.application.port.out.ExecutionReport;
import io.batchcast.application.port.out.OrderExecutionPort;
import io.batchcast.application.port.out.VenueOrder;
import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OperationError;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.Initiator;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionFactory;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.Account;
import quickfix.field.ClOrdID;
import quickfix.field.MassStatusReqID;
import quickfix.field.MassStatusReqType;
import quickfix.field.OrdStatusReqID;
import quickfix.field.OrderID;
import quickfix.field.OrigClOrdID;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TransactTime;
import quickfix.fix44.OrderCancelRequest;
import quickfix.fix44.OrderMassStatusRequest;
import quickfix.fix44.OrderStatusRequest;

/**
 * The exchange port over FIX 4.4: a QuickFIX/J initiator that logs on to one venue (the paper venue, or any venue
 * that speaks the same dialect, see {@link FixOrders}), keeps its sequence numbers and sent messages in the gateway's
 * database ({@link FixMessageStore}), reconnects by itself and lets the venue resend what the gateway missed.
 *
 * <ul>
 *   <li>{@link #place} sends a NewOrderSingle and waits for the ExecutionReport with its Account and ClOrdID: New
 *       (OPEN), Trade (FILLED) or Rejected.</li>
 *   <li>{@link #cancel} sends an OrderCancelRequest naming the order by OrderID and waits for the ExecutionReport
 *       Canceled or the OrderCancelReject with its ClOrdID.</li>
 *   <li>{@link #lookup} sends an OrderStatusRequest by ClOrdID and waits for the status report (ExecType I) with its
 *       OrdStatusReqID; {@link #massStatus} sends an OrderMassStatusRequest for the strategy's account.</li>
 * </ul>
 *
 * Every call waits at most {@link FixExchangeSettings#timeout()}; then it throws {@link FixVenueException}, which per
 * the port means "outcome unknown". While the session is not logged on, place and cancel return
 * {@code Rejected(EXCHANGE_UNAVAILABLE)} without sending anything, and lookups throw. Orders and cancels are never
 * resent after a reconnect (see {@link GatewayApplication}).
 */
public final class FixExchange implements OrderExecutionPort, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(FixExchange.class.getName());
    private static final String REQUEST_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

    private final FixExchangeSettings settings;
    private final FixMessageStore store;
    private final SessionID sessionId;
    private final PendingReplies replies = new PendingReplies();
    private final SocketInitiator initiator;
    private final Clock clock;
    private final String requestPrefix = randomPrefix();
    private final AtomicLong nextRequest = new AtomicLong(1);

    private FixExchange(FixExchangeSettings settings, FixMessageStore store, Clock clock) throws ConfigError {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
        this.sessionId = new SessionID(FixOrders.BEGIN_STRING, settings.senderCompId(), settings.targetCompId());
        SessionSettings sessionSettings = sessionSettings(settings, sessionId);
        this.initiator = new SocketInitiator(new GatewayApplication(replies), store.factory(sessionSettings),
                sessionSettings, new FixEventLog(), new DefaultMessageFactory());
        initiator.start();
    }

    /**
     * Opens the message store (creating its tables when missing) and starts the initiator, which connects and logs on
     * in the background and keeps reconnecting; this call does not wait for the venue.
     */
    public static FixExchange start(FixExchangeSettings settings) {
        Objects.requireNonNull(settings, "settings");
        FixMessageStore store = FixMessageStore.open(settings.store());
        try {
            FixExchange exchange = new FixExchange(settings, store, Clock.systemUTC());
            LOG.log(System.Logger.Level.INFO, "FIX adapter " + exchange.sessionId + " connecting to "
                    + settings.address() + ", message store in " + settings.store().redactedUrl());
            return exchange;
        } catch (ConfigError | RuntimeException e) {
            store.close();
            throw new IllegalStateException("cannot start the FIX session " + settings.senderCompId() + " -> "
                    + settings.targetCompId() + ": " + e.getMessage(), e);
        }
    }

    static SessionSettings sessionSettings(FixExchangeSettings settings, SessionID sessionId) {
        SessionSettings s = new SessionSettings();
        s.setString(SessionFactory.SETTING_CONNECTION_TYPE, SessionFactory.INITIATOR_CONNECTION_TYPE);
        s.setBool(Session.SETTING_NON_STOP_SESSION, true);
        s.setBool(Session.SETTING_USE_DATA_DICTIONARY, true);
        s.setString(Session.SETTING_DATA_DICTIONARY, FixOrders.DATA_DICTIONARY);
        s.setLong(Session.SETTING_HEARTBTINT, seconds(settings.heartbeatInterval()));
        s.setLong(Initiator.SETTING_RECONNECT_INTERVAL, seconds(settings.reconnectInterval()));
        s.setString(Initiator.SETTING_SOCKET_CONNECT_HOST, settings.host());
        s.setLong(Initiator.SETTING_SOCKET_CONNECT_PORT, settings.port());
        s.setString(sessionId, SessionSettings.BEGINSTRING, sessionId.getBeginString());
        s.setString(sessionId, SessionSettings.SENDERCOMPID, sessionId.getSenderCompID());
        s.setString(sessionId, SessionSettings.TARGETCOMPID, sessionId.getTargetCompID());
        return s;
    }

    @Override
    public ExecutionReport place(long strategyId, String venueClientOrderId, NewOrder order) {
        Session session = loggedOnSession();
        if (session == null) {
            return unavailable("the order was not sent");
        }
        String account = FixOrders.account(strategyId);
        Key key = new Key(Kind.PLACE, account, venueClientOrderId);
        Waiter waiter = expect(key, "place", strategyId, venueClientOrderId);
        try {
            if (!session.send(FixOrders.newOrderSingle(strategyId, venueClientOrderId, order, now()))) {
                return unavailable("the order was not sent");
            }
            return Reports.placed(awaitOne(waiter, "the order", strategyId, venueClientOrderId));
        } catch (FieldNotFound e) {
            throw malformed(e);
        } finally {
            replies.forget(key, waiter);
        }
    }

    @Override
    public ExecutionReport cancel(long strategyId, String venueClientOrderId, String orderId) {
        Session session = loggedOnSession();
        if (session == null) {
            return unavailable("the cancel was not sent");
        }
        String account = FixOrders.account(strategyId);
        Key key = new Key(Kind.CANCEL, account, venueClientOrderId);
        Waiter waiter = expect(key, "cancel", strategyId, venueClientOrderId);
        try {
            OrderCancelRequest request = new OrderCancelRequest(new OrigClOrdID(FixOrders.NOT_APPLICABLE),
                    new ClOrdID(venueClientOrderId), new Side(FixOrders.SIDE_UNDISCLOSED), new TransactTime(now()));
            request.set(new OrderID(orderId));
            request.set(new Account(account));
            request.set(new Symbol(FixOrders.NOT_APPLICABLE));
            if (!session.send(request)) {
                return unavailable("the cancel was not sent");
            }
            return Reports.cancelled(awaitOne(waiter, "the cancel", strategyId, venueClientOrderId));
        } catch (FieldNotFound e) {
            throw malformed(e);
        } finally {
            replies.forget(key, waiter);
        }
    }

    @Override
    public Optional<VenueOrder> lookup(long strategyId, String venueClientOrderId) {
        Session session = requireLoggedOn("look up request " + venueClientOrderId + " of strategy " + strategyId);
        String requestId = nextRequestId();
        Key key = new Key(Kind.STATUS, "", requestId);
        Waiter waiter = replies.expect(key);
        try {
            OrderStatusRequest request = new OrderStatusRequest(new ClOrdID(venueClientOrderId),
                    new Side(FixOrders.SIDE_UNDISCLOSED));
            request.set(new Account(FixOrders.account(strategyId)));
            request.set(new Symbol(FixOrders.NOT_APPLICABLE));
            request.set(new OrdStatusReqID(requestId));
            if (!session.send(request)) {
                throw new FixVenueException("the status request for " + venueClientOrderId + " of strategy "
                        + strategyId + " could not be sent to " + settings.address());
            }
            return Reports.status(awaitOne(waiter, "the status request", strategyId, venueClientOrderId));
        } catch (FieldNotFound e) {
            throw malformed(e);
        } finally {
            replies.forget(key, waiter);
        }
    }

    /**
     * Every order the venue holds for the strategy (OrderMassStatusRequest), by the ClOrdID that placed it, in the
     * order the venue accepted them: what the gateway reconciles its own order records against. Throws when the
     * session is not logged on or the venue does not answer in time.
     */
    public Map<String, VenueOrder> massStatus(long strategyId) {
        Session session = requireLoggedOn("ask for the orders of strategy " + strategyId);
        String requestId = nextRequestId();
        Key key = new Key(Kind.MASS_STATUS, "", requestId);
        Waiter waiter = replies.expect(key);
        try {
            OrderMassStatusRequest request = new OrderMassStatusRequest(new MassStatusReqID(requestId),
                    new MassStatusReqType(MassStatusReqType.STATUS_FOR_ALL_ORDERS));
            request.set(new Account(FixOrders.account(strategyId)));
            if (!session.send(request)) {
                throw new FixVenueException("the mass status request for strategy " + strategyId
                        + " could not be sent to " + settings.address());
            }
            return Reports.massStatus(await(waiter, "the mass status request", strategyId, requestId));
        } catch (FieldNotFound e) {
            throw malformed(e);
        } finally {
            replies.forget(key, waiter);
        }
    }

    /** Whether the session is logged on now. */
    public boolean isLoggedOn() {
        return loggedOnSession() != null;
    }

    /** Waits until the session is logged on; false when it was not within {@code timeout}. */
    public boolean awaitLogon(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isLoggedOn()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    public FixExchangeSettings settings() {
        return settings;
    }

    /** Logs out (waiting briefly for the venue's Logout), stops reconnecting and closes the message store's pool. */
    @Override
    public void close() {
        try {
            initiator.stop();
        } finally {
            store.close();
        }
    }

    private Session loggedOnSession() {
        Session session = Session.lookupSession(sessionId);
        return session != null && session.isLoggedOn() ? session : null;
    }

    private Session requireLoggedOn(String what) {
        Session session = loggedOnSession();
        if (session == null) {
            throw new FixVenueException("cannot " + what + ": not logged on to the FIX venue at "
                    + settings.address() + " (" + sessionId + ")");
        }
        return session;
    }

    private ExecutionReport unavailable(String consequence) {
        return new ExecutionReport.Rejected(OperationError.EXCHANGE_UNAVAILABLE, "not logged on to the FIX venue at "
                + settings.address() + " (" + sessionId + "); " + consequence);
    }

    private Waiter expect(Key key, String what, long strategyId, String venueClientOrderId) {
        Waiter waiter = replies.expect(key);
        if (waiter == null) {
            // Its answer could not be told from the other one's; the caller reconciles through lookup.
            throw new FixVenueException("a " + what + " request " + venueClientOrderId + " of strategy " + strategyId
                    + " is already waiting for the venue's answer; this one was not sent");
        }
        return waiter;
    }

    private Message awaitOne(Waiter waiter, String what, long strategyId, String venueClientOrderId) {
        return await(waiter, what, strategyId, venueClientOrderId).getFirst();
    }

    private List<Message> await(Waiter waiter, String what, long strategyId, String id) {
        try {
            return waiter.await(settings.timeout().toMillis());
        } catch (TimeoutException e) {
            throw new FixVenueException("no answer from the FIX venue at " + settings.address() + " within "
                    + settings.timeout() + " to " + what + " " + id + " of strategy " + strategyId
                    + "; its outcome is unknown");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FixVenueException("interrupted while waiting for the FIX venue's answer to " + what + " " + id
                    + " of strategy " + strategyId + "; its outcome is unknown");
        }
    }

    private static FixVenueException malformed(FieldNotFound e) {
        return new FixVenueException("the FIX venue's answer lacks field " + e.field + "; outcome unknown");
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }

    private String nextRequestId() {
        return requestPrefix + nextRequest.getAndIncrement();
    }

    private static long seconds(Duration duration) {
        return Math.max(1, duration.toSeconds());
    }

    /** Request ids differ per adapter instance, so that a late answer to an earlier run's request matches nothing. */
    private static String randomPrefix() {
        SecureRandom random = new SecureRandom();
        StringBuilder prefix = new StringBuilder("R");
        for (int i = 0; i < 8; i++) {
            prefix.append(REQUEST_ALPHABET.charAt(random.nextInt(REQUEST_ALPHABET.length())));
        }
        return prefix.append('-').toString();
    }
}
