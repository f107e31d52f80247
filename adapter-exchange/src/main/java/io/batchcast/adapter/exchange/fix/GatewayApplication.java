package io.batchcast.adapter.exchange.fix;

import io.batchcast.adapter.exchange.fix.PendingReplies.Key;
import io.batchcast.adapter.exchange.fix.PendingReplies.Kind;
import java.lang.System.Logger.Level;
import quickfix.DoNotSend;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.UnsupportedMessageType;
import quickfix.field.ExecType;
import quickfix.field.LastRptRequested;
import quickfix.field.MassStatusReqID;
import quickfix.field.MsgType;
import quickfix.field.OrdStatusReqID;
import quickfix.field.PossDupFlag;
import quickfix.fix44.BusinessMessageReject;
import quickfix.fix44.ExecutionReport;
import quickfix.fix44.NewOrderSingle;
import quickfix.fix44.OrderCancelReject;
import quickfix.fix44.OrderCancelRequest;

/**
 * The gateway's end of the FIX session: hands the venue's answers to the requests waiting for them, and keeps stale
 * orders from being sent.
 *
 * <p><b>No resend of orders or cancels.</b> When the venue asks for a resend (it missed messages, e.g. after either
 * side restarted), QuickFIX/J offers every stored application message again, with PossDupFlag=Y, through
 * {@link #toApp}. A NewOrderSingle or OrderCancelRequest offered then is refused with {@link DoNotSend}, which makes
 * QuickFIX/J send a SequenceReset-GapFill in its place. The request it stood for has already had its outcome at the
 * gateway: it was answered, or it timed out and the call threw (outcome unknown), and the gateway reconciles it by
 * asking the venue (OrderStatusRequest) what it did with the ClOrdID. An order arriving at the venue only now could
 * execute after the gateway concluded it never did, leaving a live order nobody tracks. Status requests only read, so
 * they may be resent; an answer nobody waits for any more is dropped.
 *
 * <p>The same hook refuses a first send while the session is not logged on: QuickFIX/J would otherwise store the
 * message, consume a sequence number and keep it for a later resend. {@link FixExchange} checks that before it sends;
 * this closes the gap of a logout in between.
 */
final class GatewayApplication extends LoggedSessionApplication {

    private static final System.Logger LOG = System.getLogger(GatewayApplication.class.getName());

    private final PendingReplies replies;

    GatewayApplication(PendingReplies replies) {
        this.replies = replies;
    }

    @Override
    public void toApp(Message message, SessionID sessionId) throws DoNotSend {
        if (!changesState(message)) {
            return;
        }
        if (isPossDup(message)) {
            LOG.log(Level.INFO, "FIX session " + sessionId + ": not resending " + describe(message)
                    + " (a gap fill goes instead)");
            throw new DoNotSend();
        }
        Session session = Session.lookupSession(sessionId);
        if (session == null || !session.isLoggedOn()) {
            throw new DoNotSend();
        }
    }

    @Override
    public void fromApp(Message message, SessionID sessionId) throws FieldNotFound, UnsupportedMessageType,
            quickfix.IncorrectTagValue {
        crack(message, sessionId);
    }

    @Override
    public void onMessage(ExecutionReport report, SessionID sessionId) throws FieldNotFound {
        char execType = report.getExecType().getValue();
        String account = report.isSetAccount() ? report.getAccount().getValue() : "";
        boolean delivered;
        if (execType == ExecType.ORDER_STATUS) {
            if (report.isSetField(MassStatusReqID.FIELD)) {
                boolean last = !report.isSetField(LastRptRequested.FIELD)
                        || report.getBoolean(LastRptRequested.FIELD);
                delivered = replies.deliver(new Key(Kind.MASS_STATUS, "", report.getString(MassStatusReqID.FIELD)),
                        report, last);
            } else if (report.isSetField(OrdStatusReqID.FIELD)) {
                delivered = replies.deliver(new Key(Kind.STATUS, "", report.getString(OrdStatusReqID.FIELD)), report,
                        true);
            } else {
                delivered = false;
            }
        } else if (execType == ExecType.CANCELED) {
            delivered = replies.deliver(new Key(Kind.CANCEL, account, report.getClOrdID().getValue()), report, true);
        } else {
            delivered = replies.deliver(new Key(Kind.PLACE, account, report.getClOrdID().getValue()), report, true);
        }
        if (!delivered) {
            LOG.log(Level.DEBUG, () -> "FIX session " + sessionId + ": no request waits for " + describe(report));
        }
    }

    @Override
    public void onMessage(OrderCancelReject reject, SessionID sessionId) throws FieldNotFound {
        String account = reject.isSetAccount() ? reject.getAccount().getValue() : "";
        if (!replies.deliver(new Key(Kind.CANCEL, account, reject.getClOrdID().getValue()), reject, true)) {
            LOG.log(Level.DEBUG, () -> "FIX session " + sessionId + ": no request waits for " + describe(reject));
        }
    }

    @Override
    public void onMessage(BusinessMessageReject reject, SessionID sessionId) {
        // Only sent for message types the venue does not support; the waiting call times out (outcome unknown).
        LOG.log(Level.WARNING, "FIX session " + sessionId + ": the venue rejected a message: " + describe(reject));
    }

    private static boolean changesState(Message message) {
        try {
            String type = message.getHeader().getString(MsgType.FIELD);
            return NewOrderSingle.MSGTYPE.equals(type) || OrderCancelRequest.MSGTYPE.equals(type);
        } catch (FieldNotFound e) {
            return false;
        }
    }

    private static boolean isPossDup(Message message) {
        try {
            return message.getHeader().isSetField(PossDupFlag.FIELD)
                    && message.getHeader().getBoolean(PossDupFlag.FIELD);
        } catch (FieldNotFound e) {
            return false;
        }
    }

    static String describe(Message message) {
        return message.toString().replace('\u0001', '|');
    }
}
