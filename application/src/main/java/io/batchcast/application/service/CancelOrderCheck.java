package io.batchcast.application.service;

import io.batchcast.application.port.in.FieldViolation;
import io.batchcast.application.port.in.OperationRequest;
import io.batchcast.domain.CancelTarget;
import java.util.List;
import java.util.regex.Pattern;

/** Validation of one cancel operation. */
final class CancelOrderCheck {

    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private CancelOrderCheck() {
    }

    static PlannedOperation check(int index, String path, OperationRequest.Cancel cancel, List<FieldViolation> out) {
        boolean byOrderId = !CreateOrderCheck.blank(cancel.orderId());
        boolean byClientId = !CreateOrderCheck.blank(cancel.clientOrderId());
        if (byOrderId == byClientId) {
            out.add(new FieldViolation(path, "must set exactly one of order_id or client_order_id"));
            return null;
        }
        if (byOrderId) {
            if (!ORDER_ID.matcher(cancel.orderId()).matches()) {
                out.add(new FieldViolation(path + ".order_id", "must be 1 to 128 characters of A-Z a-z 0-9 . _ : -"));
                return null;
            }
            return new PlannedOperation.Cancel(index, new CancelTarget.ByOrderId(cancel.orderId()));
        }
        if (!CreateOrderCheck.CLIENT_ORDER_ID.matcher(cancel.clientOrderId()).matches()) {
            out.add(new FieldViolation(path + ".client_order_id", "must be 1 to 64 characters of A-Z a-z 0-9 . _ : -"));
            return null;
        }
        return new PlannedOperation.Cancel(index, new CancelTarget.ByClientOrderId(cancel.clientOrderId()));
    }

    static String path(String operationPath, CancelTarget target) {
        return operationPath + (target instanceof CancelTarget.ByOrderId ? ".cancel.order_id" : ".cancel.client_order_id");
    }
}
