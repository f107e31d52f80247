package io.batchcast.venue;

import io.batchcast.adapter.exchange.TradingRules;
import io.batchcast.adapter.exchange.fix.FixEventLog;
import io.batchcast.adapter.exchange.fix.FixOrders;
import io.batchcast.adapter.exchange.fix.store.FixMessageStore;
import io.batchcast.adapter.exchange.fix.store.StoreDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.service.IoAcceptor;
import quickfix.Acceptor;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.LogFactory;
import quickfix.MessageFactory;
import quickfix.MessageStoreFactory;
import quickfix.Session;
import quickfix.SessionFactory;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketAcceptor;
import quickfix.mina.acceptor.DynamicAcceptorSessionProvider;

/**
 * A paper venue outside the gateway: a FIX 4.4 acceptor (QuickFIX/J) in front of a durable {@link VenueBook}, with the
 * in-process paper exchange's trading rules and latency. Any gateway may log on with its own SenderCompID and the
 * venue's CompID as TargetCompID; each such session's sequence numbers and sent messages are kept in the venue's
 * database too, so a restarted venue resumes its sessions and can resend what a gateway missed.
 */
public final class PaperVenue implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PaperVenue.class.getName());

    private final VenueSettings settings;
    private final FixMessageStore store;
    private final VenueBook book;
    private final ExecutorService answering;
    private final VenueApplication application;
    private final SocketAcceptor acceptor;
    private final int port;

    private PaperVenue(VenueSettings settings, FixMessageStore store, VenueBook book, ExecutorService answering)
            throws ConfigError {
        this.settings = settings;
        this.store = store;
        this.book = book;
        this.answering = answering;
        Clock clock = Clock.systemUTC();
        this.application = new VenueApplication(book, new TradingRules(settings.rules()), settings.rules().latency(),
                answering, clock);
        SessionID template = new SessionID(FixOrders.BEGIN_STRING, settings.compId(),
                DynamicAcceptorSessionProvider.WILDCARD);
        SessionSettings sessionSettings = sessionSettings(settings, template);
        MessageStoreFactory storeFactory = store.factory(sessionSettings);
        LogFactory logFactory = new FixEventLog();
        MessageFactory messageFactory = new DefaultMessageFactory();
        this.acceptor = new SocketAcceptor(application, storeFactory, sessionSettings, logFactory, messageFactory);
        acceptor.setSessionProvider(new InetSocketAddress(settings.host(), settings.port()),
                new DynamicAcceptorSessionProvider(sessionSettings, template, application, storeFactory, logFactory,
                        messageFactory));
        acceptor.start();
        this.port = boundPort(acceptor);
    }

    /** Opens (or creates) the book in {@code settings.dataDirectory()} and listens; returns once it is listening. */
    public static PaperVenue start(VenueSettings settings) {
        Objects.requireNonNull(settings, "settings");
        try {
            Files.createDirectories(settings.dataDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the venue's data directory " + settings.dataDirectory(), e);
        }
        String url = settings.jdbcUrl();
        FixMessageStore store = FixMessageStore.open(new StoreDatabase(url, "", ""));
        VenueBook book = null;
        ExecutorService answering = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("venue-answer-", 1).factory());
        try {
            book = VenueBook.open(url, settings.idPrefixIfNew(), Clock.systemUTC());
            PaperVenue venue = new PaperVenue(settings, store, book, answering);
            LOG.log(System.Logger.Level.INFO, "paper venue " + settings.compId() + " listening on " + venue.host()
                    + ":" + venue.port() + ", order ids " + book.orderIdPrefix() + "<n>");
            return venue;
        } catch (ConfigError | RuntimeException e) {
            answering.shutdownNow();
            if (book != null) {
                book.close();
            }
            store.close();
            throw new IllegalStateException("cannot start the paper venue on " + settings.host() + ":"
                    + settings.port() + ": " + e.getMessage(), e);
        }
    }

    static SessionSettings sessionSettings(VenueSettings settings, SessionID template) {
        SessionSettings s = new SessionSettings();
        s.setString(SessionFactory.SETTING_CONNECTION_TYPE, SessionFactory.ACCEPTOR_CONNECTION_TYPE);
        s.setBool(Session.SETTING_NON_STOP_SESSION, true);
        s.setBool(Session.SETTING_USE_DATA_DICTIONARY, true);
        s.setString(Session.SETTING_DATA_DICTIONARY, FixOrders.DATA_DICTIONARY);
        s.setString(Acceptor.SETTING_SOCKET_ACCEPT_ADDRESS, settings.host());
        s.setLong(Acceptor.SETTING_SOCKET_ACCEPT_PORT, settings.port());
        s.setBool(template, Acceptor.SETTING_ACCEPTOR_TEMPLATE, true);
        s.setString(template, SessionSettings.BEGINSTRING, template.getBeginString());
        s.setString(template, SessionSettings.SENDERCOMPID, template.getSenderCompID());
        s.setString(template, SessionSettings.TARGETCOMPID, template.getTargetCompID());
        return s;
    }

    /** The port it listens on (the chosen one when started with port 0). */
    public int port() {
        return port;
    }

    public String host() {
        return settings.host();
    }

    public VenueSettings settings() {
        return settings;
    }

    /** The prefix of this book's order ids (the stored one for an existing book). */
    public String orderIdPrefix() {
        return book.orderIdPrefix();
    }

    /** Application messages of one type received so far over all sessions, e.g. "D" for NewOrderSingle. */
    public long requestsReceived(String msgType) {
        return application.received(msgType);
    }

    /**
     * Stops taking requests, lets the answers under way go out (waiting at most the latency and two seconds), then
     * logs out every session, stops listening and closes the book. A request that arrives meanwhile is not acted on
     * and gets no answer: the gateway's call times out and its lookup later finds nothing.
     */
    @Override
    public void close() {
        answering.shutdown();
        try {
            if (!answering.awaitTermination(settings.rules().latency().toMillis() + 2_000, TimeUnit.MILLISECONDS)) {
                answering.shutdownNow();
            }
        } catch (InterruptedException e) {
            answering.shutdownNow();
            Thread.currentThread().interrupt();
        }
        try {
            acceptor.stop();
        } finally {
            book.close();
            store.close();
        }
    }

    private static int boundPort(SocketAcceptor acceptor) {
        for (IoAcceptor endpoint : acceptor.getEndpoints()) {
            if (endpoint.getLocalAddress() instanceof InetSocketAddress address) {
                return address.getPort();
            }
        }
        throw new IllegalStateException("the acceptor is not listening");
    }
}
