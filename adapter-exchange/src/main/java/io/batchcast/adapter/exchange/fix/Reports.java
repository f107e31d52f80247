package io.batchcast.adapter.exchange.fix;

import io.batchcast.application.port.out.ExecutionReport;
import io.batchcast.application.port.out.ExecutionReport.Accepted;
import io.batchcast.application.port.out.ExecutionReport.Rejected;
import io.batchcast.application.port.out.VenueOrder;
import io.batchcast.domain.OperationError;
import io.batchcast.domain.OrderStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.CxlRejReason;
import quickfix.field.ExecType;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.TotNumReports;
import quickfix.fix44.OrderCancelReject;

/** The venue's answers, read as the port's results. */
final class Reports {

    private Reports() {
    }

    /** The answer to a NewOrderSingle: ExecutionReport New, Trade (filled) or Rejected. */
    static ExecutionReport placed(Message answer) throws FieldNotFound {
        quickfix.fix44.ExecutionReport report = (quickfix.fix44.ExecutionReport) answer;
        char execType = report.getExecType().getValue();
        if (execType == ExecType.REJECTED) {
            boolean duplicate = report.isSetOrdRejReason()
                    && report.getOrdRejReason().getValue() == OrdRejReason.DUPLICATE_ORDER;
            return rejected(duplicate ? OperationError.DUPLICATE_CLIENT_ORDER_ID : OperationError.EXCHANGE_REJECTED,
                    text(report, "the venue rejected the order"));
        }
        OrderStatus status = FixOrders.orderStatus(report.getOrdStatus().getValue())
                .orElseThrow(() -> unexpected(report));
        return new Accepted(report.getOrderID().getValue(), status);
    }

    /** The answer to an OrderCancelRequest: ExecutionReport Canceled, or OrderCancelReject. */
    static ExecutionReport cancelled(Message answer) throws FieldNotFound {
        if (answer instanceof OrderCancelReject reject) {
            int reason = reject.isSetCxlRejReason() ? reject.getCxlRejReason().getValue() : CxlRejReason.OTHER;
            char ordStatus = reject.getOrdStatus().getValue();
            String code = switch (reason) {
                case CxlRejReason.UNKNOWN_ORDER -> OperationError.UNKNOWN_ORDER;
                case CxlRejReason.DUPLICATE_CLORDID_RECEIVED -> OperationError.DUPLICATE_CLIENT_ORDER_ID;
                case CxlRejReason.TOO_LATE_TO_CANCEL -> ordStatus == OrdStatus.CANCELED
                        ? OperationError.ALREADY_CANCELLED : OperationError.NOT_CANCELLABLE;
                default -> OperationError.EXCHANGE_REJECTED;
            };
            return rejected(code, text(reject, "the venue refused the cancel"));
        }
        quickfix.fix44.ExecutionReport report = (quickfix.fix44.ExecutionReport) answer;
        if (report.getExecType().getValue() != ExecType.CANCELED) {
            throw unexpected(report);
        }
        return new Accepted(report.getOrderID().getValue(), OrderStatus.CANCELLED);
    }

    /**
     * The answer to an OrderStatusRequest (ExecType I): the order the request acted on and its status now; empty when
     * the venue holds no such request (OrdStatus 8, Rejected, with OrdRejReason 5, unknown order).
     */
    static Optional<VenueOrder> status(Message answer) throws FieldNotFound {
        quickfix.fix44.ExecutionReport report = (quickfix.fix44.ExecutionReport) answer;
        char ordStatus = report.getOrdStatus().getValue();
        if (ordStatus == OrdStatus.REJECTED) {
            return Optional.empty();
        }
        OrderStatus status = FixOrders.orderStatus(ordStatus).orElseThrow(() -> unexpected(report));
        return Optional.of(new VenueOrder(report.getOrderID().getValue(), status));
    }

    /** The reports of one OrderMassStatusRequest: by ClOrdID of the place request, in the venue's order. */
    static Map<String, VenueOrder> massStatus(List<Message> answers) throws FieldNotFound {
        Map<String, VenueOrder> orders = new LinkedHashMap<>();
        for (Message answer : answers) {
            quickfix.fix44.ExecutionReport report = (quickfix.fix44.ExecutionReport) answer;
            if (report.isSetField(TotNumReports.FIELD) && report.getInt(TotNumReports.FIELD) == 0) {
                continue; // the one report that says there is none
            }
            status(report).ifPresent(order -> {
                try {
                    orders.put(report.getClOrdID().getValue(), order);
                } catch (FieldNotFound e) {
                    throw new IllegalStateException("mass status report without ClOrdID: " + report, e);
                }
            });
        }
        return orders;
    }

    private static Rejected rejected(String reason, String message) {
        return new Rejected(reason, message);
    }

    private static String text(Message message, String otherwise) {
        try {
            return message.isSetField(quickfix.field.Text.FIELD) ? message.getString(quickfix.field.Text.FIELD)
                    : otherwise;
        } catch (FieldNotFound e) {
            return otherwise;
        }
    }

    private static IllegalStateException unexpected(Message report) {
        return new IllegalStateException("unexpected answer from the venue: " + report.toString().replace('\u0001', '|'));
    }
}
