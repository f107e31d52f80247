package io.batchcast.adapter.sse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Refusals before a stream opens, as small JSON bodies: {@code {"error":"<code>","message":"<text>"}}. The code is
 * stable for programs, the message names the field and the limit for people. Never echoes what the client sent.
 */
final class ErrorResponses {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private ErrorResponses() {
    }

    static void send(ServerResponse response, Status status, String code, String message) {
        var body = new ByteArrayOutputStream(128);
        try (JsonGenerator json = JSON.createGenerator(body)) {
            json.writeStartObject();
            json.writeStringField("error", code);
            json.writeStringField("message", message);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        response.status(status);
        response.headers().set(HeaderValues.CONTENT_TYPE_JSON);
        response.headers().set(HeaderNames.CACHE_CONTROL, "no-store");
        response.send(body.toByteArray());
    }
}
