package io.batchcast.adapter.persistence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchcast.application.port.out.IntentStep;
import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OperationError;
import io.batchcast.domain.OperationOutcome;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.Order;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.Side;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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

    /**
     * With a pool of its own for the generators' buffers: Jackson's default keeps them per thread, and every submit
     * runs on a fresh virtual thread, so each batch allocated new ones (5% of all the server allocated).
     */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.newConcurrentDequePool()).build());

    /** Room for one intent step (a place or cancel step with its order: about 200 characters). */
    private static final int STEP_CHARS = 256;
    /** Room for one result (a created order's: about 110 characters). */
    private static final int RESULT_CHARS = 128;

    private BatchJson() {
    }

    /**
     * Written with Jackson's streaming generator, field by field: building a tree of nodes first and then writing it
     * was 14% of the server's CPU per batch in the ingest benchmark. The text is the same either way.
     */
    static String encode(List<IntentStep> steps) {
        return write(STEP_CHARS * steps.size(), json -> {
            json.writeStartArray();
            for (IntentStep step : steps) {
                json.writeStartObject();
                switch (step) {
                    case IntentStep.Place place -> {
                        json.writeStringField("kind", "place");
                        json.writeStringField("venue_id", place.venueClientOrderId());
                        json.writeFieldName("order");
                        writeNewOrder(json, place.order());
                    }
                    case IntentStep.Cancel cancel -> {
                        Order order = cancel.order();
                        json.writeStringField("kind", "cancel");
                        json.writeStringField("venue_id", cancel.venueClientOrderId());
                        json.writeStringField("order_id", order.orderId());
                        json.writeNumberField("strategy_id", order.strategyId());
                        json.writeStringField("created_at", order.createdAt().toString());
                        json.writeStringField("updated_at", order.updatedAt().toString());
                        json.writeFieldName("order");
                        writeNewOrder(json, order.spec());
                    }
                    case IntentStep.Decided decided -> {
                        json.writeStringField("kind", "decided");
                        json.writeFieldName("result");
                        writeResult(json, decided.result());
                    }
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    @FunctionalInterface
    private interface Writing {
        void to(JsonGenerator json) throws IOException;
    }

    /** The text of what {@code writing} writes, in a buffer of {@code chars} (sized so that it need not grow). */
    private static String write(int chars, Writing writing) {
        StringWriter text = new StringWriter(chars + 2);
        try (JsonGenerator json = JSON.getFactory().createGenerator(text)) {
            writing.to(json);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string failed", e);
        }
        return text.toString();
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
        return write(RESULT_CHARS * results.size(), json -> {
            json.writeStartArray();
            for (OperationResult result : results) {
                writeResult(json, result);
            }
            json.writeEndArray();
        });
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

    private static void writeNewOrder(JsonGenerator json, NewOrder order) throws IOException {
        json.writeStartObject();
        json.writeStringField("client_order_id", order.clientOrderId());
        json.writeStringField("symbol", order.symbol());
        json.writeStringField("side", order.side().name());
        json.writeStringField("type", order.type().name());
        json.writeStringField("quantity", order.quantity().toPlainString());
        writeDecimal(json, "price", order.price());
        writeDecimal(json, "stop_price", order.stopPrice());
        json.writeEndObject();
    }

    private static NewOrder newOrder(JsonNode node) {
        return new NewOrder(node.get("client_order_id").asText(), node.get("symbol").asText(),
                Side.valueOf(node.get("side").asText()), OrderType.valueOf(node.get("type").asText()),
                new BigDecimal(node.get("quantity").asText()), decimal(node, "price"), decimal(node, "stop_price"));
    }

    private static void writeResult(JsonGenerator json, OperationResult result) throws IOException {
        json.writeStartObject();
        json.writeStringField("outcome", result.outcome().name());
        writeText(json, "order_id", result.orderId());
        writeText(json, "client_order_id", result.clientOrderId());
        writeText(json, "order_type", Columns.name(result.orderType()));
        if (result.error() != null) {
            json.writeStringField("reason", result.error().reason());
            json.writeStringField("message", result.error().message());
        }
        json.writeEndObject();
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

    private static void writeDecimal(JsonGenerator json, String field, BigDecimal value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value.toPlainString());
        }
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : new BigDecimal(value);
    }

    private static void writeText(JsonGenerator json, String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
