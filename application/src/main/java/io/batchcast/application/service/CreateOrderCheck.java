package io.batchcast.application.service;

import io.batchcast.application.port.in.FieldViolation;
import io.batchcast.application.port.in.OperationRequest;
import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OrderType;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/** Validation of one create operation; adds violations and returns the planned order when there were none. */
final class CreateOrderCheck {

    static final Pattern CLIENT_ORDER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9._/-]{1,32}");

    private CreateOrderCheck() {
    }

    static PlannedOperation check(
            int index, String path, OperationRequest.Create create, String assignedId, List<FieldViolation> out) {
        int before = out.size();
        String clientOrderId = blank(create.clientOrderId()) ? assignedId : create.clientOrderId();
        if (!blank(create.clientOrderId()) && !CLIENT_ORDER_ID.matcher(create.clientOrderId()).matches()) {
            out.add(new FieldViolation(path + ".client_order_id",
                    "must be 1 to 64 characters of A-Z a-z 0-9 . _ : - (or empty to let the server assign one)"));
        }
        if (blank(create.symbol())) {
            out.add(new FieldViolation(path + ".symbol", "is required"));
        } else if (!SYMBOL.matcher(create.symbol()).matches()) {
            out.add(new FieldViolation(path + ".symbol", "must be 1 to 32 characters of A-Z a-z 0-9 . _ / -"));
        }
        if (create.side() == null) {
            out.add(new FieldViolation(path + ".side", "must be specified (BUY or SELL)"));
        }
        OrderType type = create.orderType();
        if (type == null) {
            out.add(new FieldViolation(path + ".order_type",
                    "must be specified (LIMIT, STOP_LIMIT, STOP_MARKET or MARKET)"));
        }
        BigDecimal quantity = required(path + ".quantity", create.quantity(), out);
        BigDecimal price = null;
        BigDecimal stopPrice = null;
        if (type != null) {
            price = priceFor(path + ".price", create.price(), type, type.takesPrice(), out);
            stopPrice = priceFor(path + ".stop_price", create.stopPrice(), type, type.takesStopPrice(), out);
        }
        if (out.size() > before) {
            return null;
        }
        return new PlannedOperation.Place(index,
                new NewOrder(clientOrderId, create.symbol(), create.side(), type, quantity, price, stopPrice));
    }

    private static BigDecimal priceFor(
            String field, String text, OrderType type, boolean takes, List<FieldViolation> out) {
        if (takes) {
            return required(field, text, out);
        }
        if (!blank(text)) {
            out.add(new FieldViolation(field, "must be empty for " + type + " orders"));
        }
        return null;
    }

    private static BigDecimal required(String field, String text, List<FieldViolation> out) {
        if (blank(text)) {
            out.add(new FieldViolation(field, "is required"));
            return null;
        }
        BigDecimal value = DecimalField.parsePositive(text);
        if (value == null) {
            out.add(new FieldViolation(field, DecimalField.rule()));
        }
        return value;
    }

    static boolean blank(String text) {
        return text == null || text.isEmpty();
    }
}
