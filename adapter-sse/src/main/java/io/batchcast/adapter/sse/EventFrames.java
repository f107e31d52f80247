package io.batchcast.adapter.sse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.batchcast.domain.OrderBatchEvent;
import io.batchcast.domain.OrderTypeSummary;
import io.batchcast.domain.StoredEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The bytes of the text/event-stream wire format (docs/sse.md). JSON is written field by field so the key order and
 * names are exactly the contract's, and a frame is always one {@code data:} line: Jackson escapes line breaks inside
 * strings, and ids are short ASCII by construction ({@link EventId}).
 */
final class EventFrames {

    static final String ORDER_BATCH_UPDATE = "order_batch_update";
    static final String RESYNC = "resync";
    /**
     * A keepalive, {@code : keepalive} and the blank line that ends it, goes out in two writes, half a heartbeat
     * interval apart (the delivery core's keepalive): the comment line, then the line end. Together they are the
     * frame {@code ": keepalive\n\n"}; either alone is harmless to an event-stream parser.
     */
    static final byte[] KEEPALIVE_LINE = ": keepalive\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] KEEPALIVE_END = "\n".getBytes(StandardCharsets.US_ASCII);

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private EventFrames() {
    }

    /** Opens every stream: tells the browser how long to wait before reconnecting. */
    static byte[] retry(Duration retry) {
        return ("retry: " + retry.toMillis() + "\n\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** One batch, one frame, under its stream's id; the event's user id stays on the server. */
    static byte[] orderBatchUpdate(StoredEvent stored) {
        return orderBatchUpdate(stored, stored.id().toString());
    }

    /** One batch, one frame, with {@code cursor} as its {@code id:} (the stream's id, or a subscription position). */
    static byte[] orderBatchUpdate(StoredEvent stored, String cursor) {
        OrderBatchEvent event = stored.event();
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
        });
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

    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private static byte[] frame(String id, String type, Body body) {
        var out = new ByteArrayOutputStream(256);
        try {
            out.write(("id: " + id + "\nevent: " + type + "\ndata: ").getBytes(StandardCharsets.US_ASCII));
            try (JsonGenerator json = JSON.createGenerator(out)) {
                json.writeStartObject();
                json.writeStringField("type", type);
                json.writeObjectFieldStart("data");
                body.write(json);
                json.writeEndObject();
                json.writeEndObject();
            }
            out.write('\n');
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
