package io.batchcast.venue;

import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.Side;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The venue's durable order book: orders by (account, ClOrdID) and the cancels that took effect, in an embedded H2
 * database, plain JDBC on one connection. Every change is committed before the method returns, and so before the
 * venue answers, so that an answered request survives a kill -9. One lock serializes the book: every call is a few
 * indexed statements on an embedded database, never a network round trip or a sleep.
 */
final class VenueBook implements AutoCloseable {

    static final String ORDER_ID_PREFIX_KEY = "order_id_prefix";
    private static final String SCRIPT = "venue-book.sql";
    private static final String ORDER_COLUMNS =
            "account, cl_ord_id, order_id, symbol, side, order_type, quantity, price, stop_price, status";

    /** An accepted order as the book holds it, with the request that placed it. */
    record BookOrder(String account, String clOrdId, String orderId, NewOrder order, OrderStatus status) {

        BookOrder withStatus(OrderStatus newStatus) {
            return new BookOrder(account, clOrdId, orderId, order, newStatus);
        }
    }

    /** What a cancel request did. */
    sealed interface CancelOutcome {
        /** The order was open and is cancelled now, or this very cancel request took effect before. */
        record Cancelled(BookOrder order) implements CancelOutcome {
        }

        /** The order was closed already: {@code order.status()} says how. */
        record Closed(BookOrder order) implements CancelOutcome {
        }

        /** The account has no order with that OrderID. */
        record Unknown() implements CancelOutcome {
        }

        /** The ClOrdID names an order request of the account: a cancel needs an id of its own. */
        record DuplicateClOrdId() implements CancelOutcome {
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Connection connection;
    private final Clock clock;
    private final String orderIdPrefix;

    private VenueBook(Connection connection, Clock clock, String orderIdPrefix) {
        this.connection = connection;
        this.clock = clock;
        this.orderIdPrefix = orderIdPrefix;
    }

    /**
     * Opens (creating when new) the book at {@code jdbcUrl}. A new book takes {@code prefixIfNew} for its order ids;
     * an existing one keeps the prefix it was created with, so ids are never handed out twice by one book.
     */
    static VenueBook open(String jdbcUrl, String prefixIfNew, Clock clock) {
        try {
            Connection connection = DriverManager.getConnection(jdbcUrl);
            try {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(script());
                }
                connection.setAutoCommit(false);
                String prefix = prefix(connection, prefixIfNew);
                connection.commit();
                return new VenueBook(connection, clock, prefix);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the venue's book at " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    String orderIdPrefix() {
        return orderIdPrefix;
    }

    /**
     * Stores an accepted order with {@code status} under its request. Empty, storing nothing, when the account
     * already holds a request (an order or a cancel) with this ClOrdID.
     */
    Optional<BookOrder> add(String account, String clOrdId, NewOrder order, OrderStatus status) {
        return inTransaction(() -> {
            if (requestExists(account, clOrdId)) {
                return Optional.empty();
            }
            long orderNo = nextOrderNo();
            String orderId = orderIdPrefix + orderNo;
            OffsetDateTime now = now();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO venue_orders (" + ORDER_COLUMNS
                    + ", order_no, accepted_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, account);
                insert.setString(2, clOrdId);
                insert.setString(3, orderId);
                insert.setString(4, order.symbol());
                insert.setString(5, order.side().name());
                insert.setString(6, order.type().name());
                insert.setBigDecimal(7, order.quantity());
                insert.setBigDecimal(8, order.price());
                insert.setBigDecimal(9, order.stopPrice());
                insert.setString(10, status.name());
                insert.setLong(11, orderNo);
                insert.setObject(12, now);
                insert.setObject(13, now);
                insert.executeUpdate();
            }
            return Optional.of(new BookOrder(account, clOrdId, orderId, order, status));
        });
    }

    /** Cancels the account's order {@code orderId} under the cancel request {@code clOrdId}, if it is open. */
    CancelOutcome cancel(String account, String clOrdId, String orderId) {
        return inTransaction(() -> {
            Optional<BookOrder> earlier = cancelledBy(account, clOrdId);
            if (earlier.isPresent()) {
                return new CancelOutcome.Cancelled(earlier.get());
            }
            if (orderRequest(account, clOrdId).isPresent()) {
                return new CancelOutcome.DuplicateClOrdId();
            }
            Optional<BookOrder> order = selectOrder("account = ? AND order_id = ?", account, orderId);
            if (order.isEmpty()) {
                return new CancelOutcome.Unknown();
            }
            if (order.get().status() != OrderStatus.OPEN) {
                return new CancelOutcome.Closed(order.get());
            }
            OffsetDateTime now = now();
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE venue_orders SET status = ?, updated_at = ? WHERE account = ? AND order_id = ?")) {
                update.setString(1, OrderStatus.CANCELLED.name());
                update.setObject(2, now);
                update.setString(3, account);
                update.setString(4, orderId);
                update.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO venue_cancels (account, cl_ord_id, order_id, cancelled_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, account);
                insert.setString(2, clOrdId);
                insert.setString(3, orderId);
                insert.setObject(4, now);
                insert.executeUpdate();
            }
            return new CancelOutcome.Cancelled(order.get().withStatus(OrderStatus.CANCELLED));
        });
    }

    /**
     * What the request {@code clOrdId} of the account did: the order it placed, with its status now, or the order it
     * cancelled. Empty when the book holds no such request (it never arrived, or it was refused).
     */
    Optional<BookOrder> request(String account, String clOrdId) {
        return inTransaction(() -> {
            Optional<BookOrder> placed = orderRequest(account, clOrdId);
            return placed.isPresent() ? placed : cancelledBy(account, clOrdId);
        });
    }

    /** The account's orders (every account's when {@code account} is null), in the order they were accepted. */
    List<BookOrder> orders(String account) {
        return inTransaction(() -> {
            String sql = "SELECT " + ORDER_COLUMNS + " FROM venue_orders"
                    + (account == null ? "" : " WHERE account = ?") + " ORDER BY order_no";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                if (account != null) {
                    select.setString(1, account);
                }
                List<BookOrder> orders = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        orders.add(order(rows));
                    }
                }
                return orders;
            }
        });
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the venue's book: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        lock.lock();
        try {
            try {
                T result = work.run();
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(e);
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the venue's book failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private void rollback(Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private boolean requestExists(String account, String clOrdId) throws SQLException {
        return orderRequest(account, clOrdId).isPresent() || cancelledBy(account, clOrdId).isPresent();
    }

    private Optional<BookOrder> orderRequest(String account, String clOrdId) throws SQLException {
        return selectOrder("account = ? AND cl_ord_id = ?", account, clOrdId);
    }

    /** The order a cancel request with this ClOrdID cancelled, if it took effect. */
    private Optional<BookOrder> cancelledBy(String account, String clOrdId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT o." + ORDER_COLUMNS.replace(", ", ", o.")
                + " FROM venue_cancels c JOIN venue_orders o ON o.order_id = c.order_id"
                + " WHERE c.account = ? AND c.cl_ord_id = ?")) {
            select.setString(1, account);
            select.setString(2, clOrdId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(order(rows)) : Optional.empty();
            }
        }
    }

    private Optional<BookOrder> selectOrder(String where, String first, String second) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + ORDER_COLUMNS + " FROM venue_orders WHERE " + where)) {
            select.setString(1, first);
            select.setString(2, second);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(order(rows)) : Optional.empty();
            }
        }
    }

    private long nextOrderNo() throws SQLException {
        try (Statement select = connection.createStatement();
                ResultSet row = select.executeQuery("SELECT COALESCE(MAX(order_no), 0) + 1 FROM venue_orders")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static BookOrder order(ResultSet row) throws SQLException {
        NewOrder order = new NewOrder(row.getString(2), row.getString(4), Side.valueOf(row.getString(5)),
                OrderType.valueOf(row.getString(6)), plain(row.getBigDecimal(7)), plain(row.getBigDecimal(8)),
                plain(row.getBigDecimal(9)));
        return new BookOrder(row.getString(1), row.getString(2), row.getString(3), order,
                OrderStatus.valueOf(row.getString(10)));
    }

    /** DECFLOAT hands back e.g. 1E+2 for 100: the same number, written plainly again. */
    private static BigDecimal plain(BigDecimal value) {
        return value == null ? null : new BigDecimal(value.toPlainString());
    }

    private static String prefix(Connection connection, String prefixIfNew) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT meta_value FROM venue_meta WHERE meta_key = ?")) {
            select.setString(1, ORDER_ID_PREFIX_KEY);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    return row.getString(1);
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO venue_meta (meta_key, meta_value) VALUES (?, ?)")) {
            insert.setString(1, ORDER_ID_PREFIX_KEY);
            insert.setString(2, prefixIfNew);
            insert.executeUpdate();
        }
        return prefixIfNew;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String script() {
        try (InputStream in = VenueBook.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
