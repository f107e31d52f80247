package io.batchcast.adapter.persistence;

import io.batchcast.application.port.in.EventDoorbellUseCase;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens on PostgreSQL's {@code batchcast_events} channel over one dedicated, unpooled connection and rings the
 * {@link EventDoorbellUseCase} for each {@code <strategyId>:<seq>} notification. Notifications are only a doorbell:
 * whenever LISTEN is (re-)established, after a lost connection and at the first start alike, it calls
 * {@link EventDoorbellUseCase#catchUp()}, so events committed while nobody listened are read from the log.
 */
public final class PostgresDoorbellListener implements DoorbellListener {

    private static final System.Logger LOG = System.getLogger(PostgresDoorbellListener.class.getName());

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final Duration LIVENESS_CHECK = Duration.ofSeconds(15);

    private final PersistenceSettings settings;
    private final EventDoorbellUseCase doorbell;
    private final DoorbellPayload payload = new DoorbellPayload();
    private volatile boolean running;
    private Thread thread;

    public PostgresDoorbellListener(PersistenceSettings settings, EventDoorbellUseCase doorbell) {
        if (Dialect.of(settings.url()) != Dialect.POSTGRESQL) {
            throw new IllegalArgumentException("url must be a jdbc:postgresql: URL for LISTEN/NOTIFY");
        }
        this.settings = settings;
        this.doorbell = doorbell;
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name("batchcast-doorbell").start(this::listenUntilClosed);
    }

    /** Stops within about one poll interval (the thread checks between polls). */
    @Override
    public void close() {
        Thread listening;
        synchronized (this) {
            running = false;
            listening = thread;
            thread = null;
        }
        if (listening != null) {
            listening.interrupt();
            try {
                listening.join(POLL.multipliedBy(4).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void listenUntilClosed() {
        Duration backoff = FIRST_BACKOFF;
        while (running) {
            try (Connection connection = connect()) {
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + PostgresDoorbellRing.CHANNEL);
                }
                backoff = FIRST_BACKOFF;
                doorbell.catchUp();
                receive(connection);
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "doorbell connection lost (" + e.getMessage() + "); reconnecting in "
                            + backoff.toMillis() + " ms, then catching up");
                }
            }
            if (!pause(backoff)) {
                return;
            }
            backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
        }
    }

    private void receive(Connection connection) throws SQLException {
        PGConnection postgres = connection.unwrap(PGConnection.class);
        long lastCheck = System.nanoTime();
        while (running) {
            PGNotification[] notifications = postgres.getNotifications((int) POLL.toMillis());
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    payload.ring(doorbell, notification.getParameter());
                }
            }
            // A silently vanished server (no FIN, no error) would otherwise leave us waiting forever.
            if (System.nanoTime() - lastCheck > LIVENESS_CHECK.toNanos()) {
                if (!connection.isValid((int) Math.max(1, LIVENESS_CHECK.toSeconds()))) {
                    throw new SQLException("doorbell connection stopped answering");
                }
                lastCheck = System.nanoTime();
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (!settings.user().isEmpty()) {
            properties.setProperty("user", settings.user());
        }
        if (!settings.password().isEmpty()) {
            properties.setProperty("password", settings.password());
        }
        properties.setProperty("connectTimeout", String.valueOf(
                Math.max(1, settings.connectionTimeout().toSeconds())));
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "batchcast-doorbell");
        return DriverManager.getConnection(settings.url(), properties);
    }

    /** @return false when the listener was closed meanwhile */
    private boolean pause(Duration backoff) {
        if (!running) {
            return false;
        }
        try {
            Thread.sleep(backoff);
            return running;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
