package io.batchcast.venue;

import io.batchcast.adapter.exchange.TradingRules;
import io.batchcast.adapter.exchange.fix.FixOrders;
import io.batchcast.adapter.exchange.fix.LoggedSessionApplication;
import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import io.batchcast.venue.VenueBook.BookOrder;
import io.batchcast.venue.VenueBook.CancelOutcome;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionNotFound;
import quickfix.UnsupportedMessageType;
import quickfix.field.Account;
import quickfix.field.AvgPx;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.CxlRejReason;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.LastQty;
import quickfix.field.LastRptRequested;
import quickfix.field.LeavesQty;
import quickfix.field.MassStatusReqID;
import quickfix.field.MsgType;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrdStatusReqID;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.Side;
import quickfix.field.StopPx;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TotNumReports;
import quickfix.field.TransactTime;
import quickfix.fix44.ExecutionReport;
import quickfix.fix44.NewOrderSingle;
import quickfix.fix44.OrderCancelReject;
import quickfix.fix44.OrderCancelRequest;
import quickfix.fix44.OrderMassStatusRequest;
import quickfix.fix44.OrderStatusRequest;

/**
 * The venue's end of every FIX session: answers NewOrderSingle, OrderCancelRequest, OrderStatusRequest and
 * OrderMassStatusRequest from the {@link VenueBook}, with the paper exchange's {@link TradingRules}.
 *
 * <p>Each request is answered on a virtual thread of its own, after sleeping the configured latency, so that a slow
 * venue is slow per request and not a queue: QuickFIX/J delivers all sessions' messages on one thread. The book is
 * changed and committed before the answer goes out. An answer for a session that is not logged on any more is kept
 * in the session store and resent when the gateway asks for it after reconnecting.
 */
final class VenueApplication extends LoggedSessionApplication {

    private static final System.Logger LOG = System.getLogger(VenueApplication.class.getName());
    private static final Set<String> SUPPORTED = Set.of(NewOrderSingle.MSGTYPE, OrderCancelRequest.MSGTYPE,
            OrderStatusRequest.MSGTYPE, OrderMassStatusRequest.MSGTYPE);

    private final VenueBook book;
    private final TradingRules rules;
    private final Duration latency;
    private final ExecutorService answering;
    private final Clock clock;
    private final Map<String, LongAdder> received = new ConcurrentHashMap<>();

    VenueApplication(VenueBook book, TradingRules rules, Duration latency, ExecutorService answering, Clock clock) {
        this.book = book;
        this.rules = rules;
        this.latency = latency;
        this.answering = answering;
        this.clock = clock;
    }

    /** Application messages of this type received so far, over all sessions (NewOrderSingle: "D"). */
    long received(String msgType) {
        LongAdder count = received.get(msgType);
        return count == null ? 0 : count.sum();
    }

    @Override
    public void toApp(Message message, SessionID sessionId) {
    }

    @Override
    public void fromApp(Message message, SessionID sessionId) throws FieldNotFound, UnsupportedMessageType {
        String type = message.getHeader().getString(MsgType.FIELD);
        if (!SUPPORTED.contains(type)) {
            throw new UnsupportedMessageType(); // QuickFIX/J answers with a BusinessMessageReject
        }
        received.computeIfAbsent(type, t -> new LongAdder()).increment();
        try {
            answering.execute(() -> answer(message, sessionId));
        } catch (RejectedExecutionException stopping) {
            LOG.log(Level.INFO, "venue stopping: not acting on " + message.toString().replace('\u0001', '|'));
        }
    }

    private void answer(Message request, SessionID sessionId) {
        try {
            if (!latency.isZero()) {
                Thread.sleep(latency);
            }
            crack(request, sessionId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the venue is stopping: the request stays unanswered, and undone
        } catch (Exception e) {
            LOG.log(Level.WARNING, "cannot answer " + request.toString().replace('\u0001', '|') + ": " + e, e);
        }
    }

    @Override
    public void onMessage(NewOrderSingle request, SessionID sessionId) throws FieldNotFound {
        String clOrdId = request.getClOrdID().getValue();
        String account = request.isSetAccount() ? request.getAccount().getValue() : "";
        if (account.isEmpty()) {
            send(rejected(request, account, OrdRejReason.UNKNOWN_ACCOUNT,
                    "Account (1) is required: it carries the strategy id"), sessionId);
            return;
        }
        NewOrder order;
        try {
            order = FixOrders.newOrder(request);
        } catch (IllegalArgumentException e) {
            send(rejected(request, account, OrdRejReason.UNSUPPORTED_ORDER_CHARACTERISTIC, e.getMessage()), sessionId);
            return;
        }
        Optional<String> violation = rules.violation(order);
        if (violation.isPresent()) {
            send(rejected(request, account, OrdRejReason.BROKER_EXCHANGE_OPTION, violation.get()), sessionId);
            return;
        }
        OrderStatus status = order.type() == OrderType.MARKET ? OrderStatus.FILLED : OrderStatus.OPEN;
        Optional<BookOrder> added = book.add(account, clOrdId, order, status);
        if (added.isEmpty()) {
            send(rejected(request, account, OrdRejReason.DUPLICATE_ORDER,
                    "the venue already accepted a request with client order id " + clOrdId), sessionId);
            return;
        }
        ExecutionReport report = report(added.get(), clOrdId,
                status == OrderStatus.FILLED ? ExecType.TRADE : ExecType.NEW);
        if (status == OrderStatus.FILLED) {
            FixOrders.setDecimal(report, LastQty.FIELD, order.quantity());
        }
        send(report, sessionId);
    }

    @Override
    public void onMessage(OrderCancelRequest request, SessionID sessionId) throws FieldNotFound {
        String clOrdId = request.getClOrdID().getValue();
        String account = request.isSetAccount() ? request.getAccount().getValue() : "";
        String orderId = request.isSetOrderID() ? request.getOrderID().getValue() : "";
        CancelOutcome outcome = book.cancel(account, clOrdId, orderId);
        Message answer = switch (outcome) {
            case CancelOutcome.Cancelled cancelled -> {
                ExecutionReport report = report(cancelled.order(), clOrdId, ExecType.CANCELED);
                report.set(new OrigClOrdID(cancelled.order().clOrdId()));
                yield report;
            }
            case CancelOutcome.Closed closed -> cancelReject(request, account, closed.order().orderId(),
                    FixOrders.ordStatus(closed.order().status()), CxlRejReason.TOO_LATE_TO_CANCEL,
                    closed.order().status() == OrderStatus.CANCELLED
                            ? "order " + orderId + " is already cancelled"
                            : "order " + orderId + " is filled and can no longer be cancelled");
            case CancelOutcome.Unknown unknown -> cancelReject(request, account, orderId.isEmpty()
                            ? FixOrders.NO_ORDER_ID : orderId, OrdStatus.REJECTED, CxlRejReason.UNKNOWN_ORDER,
                    "strategy " + account + " has no order " + orderId);
            case CancelOutcome.DuplicateClOrdId duplicate -> cancelReject(request, account,
                    orderId.isEmpty() ? FixOrders.NO_ORDER_ID : orderId, OrdStatus.REJECTED,
                    CxlRejReason.DUPLICATE_CLORDID_RECEIVED,
                    "the venue already accepted a request with client order id " + clOrdId);
        };
        send(answer, sessionId);
    }

    @Override
    public void onMessage(OrderStatusRequest request, SessionID sessionId) throws FieldNotFound {
        String clOrdId = request.getClOrdID().getValue();
        String account = request.isSetAccount() ? request.getAccount().getValue() : "";
        Optional<BookOrder> found = book.request(account, clOrdId);
        ExecutionReport report = found.isPresent()
                ? report(found.get(), clOrdId, ExecType.ORDER_STATUS)
                : unknownStatus(account, clOrdId, "the venue holds no request " + clOrdId + " of strategy " + account);
        if (request.isSetOrdStatusReqID()) {
            report.set(new OrdStatusReqID(request.getOrdStatusReqID().getValue()));
        }
        send(report, sessionId);
    }

    @Override
    public void onMessage(OrderMassStatusRequest request, SessionID sessionId) throws FieldNotFound {
        String account = request.isSetAccount() ? request.getAccount().getValue() : null;
        String requestId = request.getMassStatusReqID().getValue();
        List<BookOrder> orders = book.orders(account);
        if (orders.isEmpty()) {
            ExecutionReport none = unknownStatus(account == null ? "" : account, FixOrders.NOT_APPLICABLE,
                    "the venue holds no orders" + (account == null ? "" : " of strategy " + account));
            none.set(new MassStatusReqID(requestId));
            none.set(new TotNumReports(0));
            none.set(new LastRptRequested(true));
            send(none, sessionId);
            return;
        }
        for (int i = 0; i < orders.size(); i++) {
            BookOrder order = orders.get(i);
            ExecutionReport report = report(order, order.clOrdId(), ExecType.ORDER_STATUS);
            report.set(new MassStatusReqID(requestId));
            report.set(new TotNumReports(orders.size()));
            report.set(new LastRptRequested(i == orders.size() - 1));
            send(report, sessionId);
        }
    }

    /** An ExecutionReport about an order of the book, answering the request {@code clOrdId}. */
    private ExecutionReport report(BookOrder order, String clOrdId, char execType) {
        NewOrder placed = order.order();
        ExecutionReport report = new ExecutionReport();
        report.set(new OrderID(order.orderId()));
        report.set(new ExecID(execId()));
        report.set(new ExecType(execType));
        report.set(new OrdStatus(FixOrders.ordStatus(order.status())));
        report.set(new Account(order.account()));
        report.set(new ClOrdID(clOrdId));
        report.set(new Symbol(placed.symbol()));
        report.set(new Side(FixOrders.side(placed.side())));
        report.set(new OrdType(FixOrders.ordType(placed.type())));
        FixOrders.setDecimal(report, OrderQty.FIELD, placed.quantity());
        FixOrders.setDecimal(report, Price.FIELD, placed.price());
        FixOrders.setDecimal(report, StopPx.FIELD, placed.stopPrice());
        BigDecimal filled = order.status() == OrderStatus.FILLED ? placed.quantity() : BigDecimal.ZERO;
        BigDecimal leaves = order.status() == OrderStatus.OPEN ? placed.quantity() : BigDecimal.ZERO;
        FixOrders.setDecimal(report, LeavesQty.FIELD, leaves);
        FixOrders.setDecimal(report, CumQty.FIELD, filled);
        // a paper venue has no market data: fills have no price
        FixOrders.setDecimal(report, AvgPx.FIELD, BigDecimal.ZERO);
        report.set(new TransactTime(now()));
        return report;
    }

    /** ExecutionReport Rejected (ExecType 8, OrdStatus 8): the order was refused and not stored. */
    private ExecutionReport rejected(NewOrderSingle request, String account, int reason, String text)
            throws FieldNotFound {
        ExecutionReport report = new ExecutionReport(new OrderID(FixOrders.NO_ORDER_ID), new ExecID(execId()),
                new ExecType(ExecType.REJECTED), new OrdStatus(OrdStatus.REJECTED),
                new Side(request.getSide().getValue()), new LeavesQty(0), new CumQty(0), new AvgPx(0));
        if (!account.isEmpty()) {
            report.set(new Account(account));
        }
        report.set(new ClOrdID(request.getClOrdID().getValue()));
        report.set(new Symbol(request.getSymbol().getValue()));
        report.set(new OrdRejReason(reason));
        report.set(new Text(text));
        report.set(new TransactTime(now()));
        return report;
    }

    /** A status report about a request or account the venue holds nothing for (OrdStatus 8, OrdRejReason 5). */
    private ExecutionReport unknownStatus(String account, String clOrdId, String text) {
        ExecutionReport report = new ExecutionReport(new OrderID(FixOrders.NO_ORDER_ID), new ExecID(execId()),
                new ExecType(ExecType.ORDER_STATUS), new OrdStatus(OrdStatus.REJECTED),
                new Side(FixOrders.SIDE_UNDISCLOSED), new LeavesQty(0), new CumQty(0), new AvgPx(0));
        if (!account.isEmpty()) {
            report.set(new Account(account));
        }
        report.set(new ClOrdID(clOrdId));
        report.set(new Symbol(FixOrders.NOT_APPLICABLE));
        report.set(new OrdRejReason(OrdRejReason.UNKNOWN_ORDER));
        report.set(new Text(text));
        report.set(new TransactTime(now()));
        return report;
    }

    private OrderCancelReject cancelReject(OrderCancelRequest request, String account, String orderId,
            char ordStatus, int reason, String text) throws FieldNotFound {
        OrderCancelReject reject = new OrderCancelReject(new OrderID(orderId),
                new ClOrdID(request.getClOrdID().getValue()), new OrigClOrdID(request.getOrigClOrdID().getValue()),
                new OrdStatus(ordStatus), new CxlRejResponseTo(CxlRejResponseTo.ORDER_CANCEL_REQUEST));
        if (!account.isEmpty()) {
            reject.set(new Account(account));
        }
        reject.set(new CxlRejReason(reason));
        reject.set(new Text(text));
        reject.set(new TransactTime(now()));
        return reject;
    }

    private void send(Message answer, SessionID sessionId) {
        try {
            Session.sendToTarget(answer, sessionId);
        } catch (SessionNotFound e) {
            LOG.log(Level.WARNING, "no FIX session " + sessionId + " to answer on: " + e.getMessage());
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }

    private static String execId() {
        return UUID.randomUUID().toString();
    }
}
