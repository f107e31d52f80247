package io.batchcast.adapter.sse;

import com.fasterxml.jackson.core.JsonGenerator;
import io.batchcast.domain.HourlyStatistics;
import io.batchcast.domain.OrderBatchEvent;
import io.batchcast.domain.OrderHourlySummary;
import io.batchcast.domain.OrderTypeStatistics;
import io.batchcast.domain.OrderTypeSummary;
import io.batchcast.domain.StoredEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The bytes of the text/event-stream wire format (docs/sse.md). JSON is written field by field so the key order and
 * names are exactly the contract's, and a frame is always one {@code data:} line: Jackson escapes line breaks inside
 * strings, and ids are short ASCII by construction ({@link EventId}).
 */
final class EventFrames {

    static final String ORDER_BATCH_UPDATE = "order_batch_update";
    static final String ORDER_HOURLY_SUMMARY = "order_hourly_summary";
    static final String RESYNC = "resync";
    /**
     * A keepalive, {@code : keepalive} and the blank line that ends it, goes out in two writes, half a heartbeat
     * interval apart (the delivery core's keepalive): the comment line, then the line end. Together they are the
     * frame {@code ": keepalive\n\n"}; either alone is harmless to an event-stream parser.
     */
    static final byte[] KEEPALIVE_LINE = ": keepalive\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] KEEPALIVE_END = "\n".getBytes(StandardCharsets.US_ASCII);

    private EventFrames() {
    }

    /** Opens every stream: tells the browser how long to wait before reconnecting. */
    static byte[] retry(Duration retry) {
        return ("retry: " + retry.toMillis() + "\n\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The frame of any stored event, a batch's update or a closed period's summary, with {@code cursor} as its
     * {@code id:} (the stream's id, or a subscription position).
     */
    static byte[] eventFrame(StoredEvent stored, String cursor) {
        return switch (stored.event()) {
            case OrderBatchEvent batch -> orderBatchUpdate(cursor, batch, 1);
            case OrderHourlySummary summary -> orderHourlySummary(cursor, summary);
        };
    }

    /**
     * A coalesced run of {@code batchCount} batches (at least 2) as one {@code order_batch_update} frame: the merged
     * summaries, the last batch's id and timestamp, {@code "batch_count"} after them, and {@code cursor} (the last
     * merged event's) as its {@code id:}.
     */
    static byte[] coalescedFrame(StoredEvent merged, int batchCount, String cursor) {
        OrderBatchEvent batch = merged.batchEvent().orElseThrow(
                () -> new IllegalArgumentException("only batch events are coalesced, not " + merged.id()));
        return orderBatchUpdate(cursor, batch, batchCount);
    }

    /** One batch (or a coalesced run), one frame; the event's user id stays on the server. */
    private static byte[] orderBatchUpdate(String cursor, OrderBatchEvent event, int batchCount) {
        return frame(cursor, ORDER_BATCH_UPDATE, json -> {
            json.writeNumberField("strategy_id", event.strategyId());
            json.writeStringField("batch_id", event.batchId());
            json.writeArrayFieldStart("summaries");
            for (OrderTypeSummary summary : event.summaries()) {
                json.writeStartObject();
                json.writeStringField("order_type", summary.orderType().name());
                json.writeNumberField("created", summary.created());
                json.writeNumberField("cancelled", summary.cancelled());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("timestamp", event.timestampText());
            if (batchCount > 1) {
                json.writeNumberField("batch_count", batchCount);
            }
        });
    }

    /** A closed period's statistics; {@code hour} is the period's start (an hour unless configured otherwise). */
    private static byte[] orderHourlySummary(String cursor, OrderHourlySummary summary) {
        return frame(cursor, ORDER_HOURLY_SUMMARY, json -> {
            json.writeNumberField("strategy_id", summary.strategyId());
            writeStatisticsFields(json, summary.period());
        });
    }

    /** {@code "hour":…,"batches":…,"order_types":[…]}: the fields of an hour in the statistics API and the frame. */
    static void writeStatisticsFields(JsonGenerator json, HourlyStatistics hour) throws IOException {
        json.writeStringField("hour", hour.startText());
        json.writeNumberField("batches", hour.batches());
        json.writeArrayFieldStart("order_types");
        for (OrderTypeStatistics type : hour.orderTypes()) {
            json.writeStartObject();
            json.writeStringField("order_type", type.orderType().name());
            json.writeNumberField("created", type.created());
            json.writeNumberField("cancelled", type.cancelled());
            json.writeNumberField("rejected", type.rejected());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /**
     * The client's cursor could not be honoured. The {@code id:} line moves the browser's cursor to the head, so its
     * next reconnect resumes from there; an empty id (no event yet) clears the cursor.
     */
    static byte[] resync(String headId, String reason) {
        return frame(headId, RESYNC, json -> {
            json.writeStringField("head_event_id", headId);
            json.writeStringField("reason", reason);
        });
    }

    private static byte[] frame(String id, String type, JsonResponses.Fields data) {
        var out = new ByteArrayOutputStream(256);
        out.writeBytes(("id: " + id + "\nevent: " + type + "\ndata: ").getBytes(StandardCharsets.US_ASCII));
        JsonResponses.writeJson(out, json -> {
            json.writeStringField("type", type);
            json.writeObjectFieldStart("data");
            data.write(json);
            json.writeEndObject();
        });
        out.write('\n');
        out.write('\n');
        return out.toByteArray();
    }
}
