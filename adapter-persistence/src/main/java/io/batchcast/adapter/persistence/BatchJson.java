package io.batchcast.adapter.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchcast.application.port.out.IntentStep;
import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OperationError;
import io.batchcast.domain.OperationOutcome;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.Order;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An intent's steps as one JSON array in {@code batch_intents.steps} (read back only by reconciliation), and a
 * recorded batch's results as one in {@code batches.results}: one column instead of a row per operation. Decimals
 * are strings, so no digit is lost.
 */
final class BatchJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BatchJson() {
    }

    static String encode(List<IntentStep> steps) {
        ArrayNode array = JSON.createArrayNode();
        for (IntentStep step : steps) {
            ObjectNode node = array.addObject();
            switch (step) {
                case IntentStep.Place place -> node.put("kind", "place").put("venue_id", place.venueClientOrderId())
                        .set("order", newOrder(place.order()));
                case IntentStep.Cancel cancel -> {
                    Order order = cancel.order();
                    node.put("kind", "cancel").put("venue_id", cancel.venueClientOrderId())
                            .put("order_id", order.orderId()).put("strategy_id", order.strategyId())
                            .put("created_at", order.createdAt().toString())
                            .put("updated_at", order.updatedAt().toString()).set("order", newOrder(order.spec()));
                }
                case IntentStep.Decided decided -> node.put("kind", "decided").set("result", result(decided.result()));
            }
        }
        return array.toString();
    }

    static List<IntentStep> decode(String json) {
        JsonNode array;
        try {
            array = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable intent steps: " + e.getOriginalMessage(), e);
        }
        List<IntentStep> steps = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = array.get(i);
            steps.add(switch (node.get("kind").asText()) {
                case "place" -> new IntentStep.Place(i, node.get("venue_id").asText(), newOrder(node.get("order")));
                case "cancel" -> new IntentStep.Cancel(i, node.get("venue_id").asText(), cancelledOrder(node));
                case "decided" -> new IntentStep.Decided(result(i, node.get("result")));
                default -> throw new IllegalStateException("unknown intent step kind " + node.get("kind"));
            });
        }
        return steps;
    }

    /** The order a cancel step targets; steps stored before orders had a creation time give their update time. */
    private static Order cancelledOrder(JsonNode node) {
        Instant updatedAt = Instant.parse(node.get("updated_at").asText());
        JsonNode createdAt = node.get("created_at");
        return new Order(node.get("order_id").asText(), node.get("strategy_id").asLong(), newOrder(node.get("order")),
                OrderStatus.OPEN, createdAt == null ? updatedAt : Instant.parse(createdAt.asText()), updatedAt);
    }

    /** A batch's results, in index order, as one JSON array (the {@code batches.results} column). */
    static String encodeResults(List<OperationResult> results) {
        ArrayNode array = JSON.createArrayNode();
        results.forEach(result -> array.add(result(result)));
        return array.toString();
    }

    static List<OperationResult> decodeResults(String json) {
        JsonNode array;
        try {
            array = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable batch results: " + e.getOriginalMessage(), e);
        }
        List<OperationResult> results = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            results.add(result(i, array.get(i)));
        }
        return List.copyOf(results);
    }

    private static ObjectNode newOrder(NewOrder order) {
        ObjectNode node = JSON.createObjectNode().put("client_order_id", order.clientOrderId())
                .put("symbol", order.symbol()).put("side", order.side().name()).put("type", order.type().name())
                .put("quantity", order.quantity().toPlainString());
        putDecimal(node, "price", order.price());
        putDecimal(node, "stop_price", order.stopPrice());
        return node;
    }

    private static NewOrder newOrder(JsonNode node) {
        return new NewOrder(node.get("client_order_id").asText(), node.get("symbol").asText(),
                Side.valueOf(node.get("side").asText()), OrderType.valueOf(node.get("type").asText()),
                new BigDecimal(node.get("quantity").asText()), decimal(node, "price"), decimal(node, "stop_price"));
    }

    private static ObjectNode result(OperationResult result) {
        ObjectNode node = JSON.createObjectNode().put("outcome", result.outcome().name());
        putText(node, "order_id", result.orderId());
        putText(node, "client_order_id", result.clientOrderId());
        putText(node, "order_type", Columns.name(result.orderType()));
        if (result.error() != null) {
            node.put("reason", result.error().reason()).put("message", result.error().message());
        }
        return node;
    }

    private static OperationResult result(int index, JsonNode node) {
        OperationError error = node.has("reason")
                ? new OperationError(node.get("reason").asText(), node.get("message").asText())
                : null;
        String type = text(node, "order_type");
        return new OperationResult(index, OperationOutcome.valueOf(node.get("outcome").asText()),
                text(node, "order_id"), text(node, "client_order_id"), type == null ? null : OrderType.valueOf(type),
                error);
    }

    private static void putDecimal(ObjectNode node, String field, BigDecimal value) {
        if (value != null) {
            node.put(field, value.toPlainString());
        }
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : new BigDecimal(value);
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
