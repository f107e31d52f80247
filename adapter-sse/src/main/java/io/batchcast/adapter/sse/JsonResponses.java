package io.batchcast.adapter.sse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The JSON bodies of this adapter, written field by field so the key order and names are exactly the contract's.
 * Refusals before a stream opens are small ones: {@code {"error":"<code>","message":"<text>"}}. The code is stable
 * for programs, the message names the field and the limit for people. Never echoes what the client sent.
 */
final class JsonResponses {

    /**
     * With a pool of its own for the generators' buffers: Jackson's default keeps them per thread, and every stream
     * and call runs on a fresh virtual thread, so each frame allocated new ones.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.newConcurrentDequePool()).build();

    /** The fields of one JSON object, written between its braces. */
    interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private JsonResponses() {
    }

    static void send(ServerResponse response, Status status, String code, String message) {
        send(response, status, json(128, json -> {
            json.writeStringField("error", code);
            json.writeStringField("message", message);
        }));
    }

    /** Answers with {@code body} as uncacheable JSON. */
    static void send(ServerResponse response, Status status, byte[] body) {
        response.status(status);
        response.headers().set(HeaderValues.CONTENT_TYPE_JSON);
        response.headers().set(HeaderNames.CACHE_CONTROL, "no-store");
        response.send(body);
    }

    /** One JSON object holding {@code fields}. */
    static byte[] json(int sizeHint, Fields fields) {
        var out = new ByteArrayOutputStream(sizeHint);
        writeJson(out, fields);
        return out.toByteArray();
    }

    /** Writes one JSON object holding {@code fields} to {@code out}, which is in memory. */
    static void writeJson(OutputStream out, Fields fields) {
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }
}
