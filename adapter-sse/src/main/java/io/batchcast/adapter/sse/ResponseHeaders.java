package io.batchcast.adapter.sse;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;

/**
 * {@code X-Content-Type-Options: nosniff} on every HTTP response of the web server, so that no browser guesses a type
 * for a body (an error's JSON, the event stream, a static file) and runs it as script or style. Two places, because
 * Helidon answers some requests itself, before routing:
 *
 * <ul>
 *   <li>a routing filter, registered by {@link SseRouting#routing}, for every request that reaches routing: this
 *       adapter's streams and refusals, the dashboard, whatever bootstrap routes beside them, and Helidon's 404 for
 *       an unknown path or method and 500 for a failing handler;</li>
 *   <li>{@link #directHandlers()}, for bootstrap's {@code WebServer.builder().directHandlers(...)}: Helidon's answers
 *       to requests it cannot parse (400, 413, 505 and the like).</li>
 * </ul>
 */
public final class ResponseHeaders {

    private ResponseHeaders() {
    }

    static void register(HttpRouting.Builder routing) {
        routing.addFilter((chain, request, response) -> {
            response.header(HeaderValues.X_CONTENT_TYPE_OPTIONS_NOSNIFF);
            chain.proceed();
        });
    }

    /** Helidon's own answers (same status, headers and text) with {@code X-Content-Type-Options: nosniff} added. */
    public static DirectHandlers directHandlers() {
        DirectHandler nosniff = (request, eventType, status, headers, message) -> {
            headers.set(HeaderValues.X_CONTENT_TYPE_OPTIONS_NOSNIFF);
            return DirectHandler.defaultHandler().handle(request, eventType, status, headers, message);
        };
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            handlers.addHandler(type, nosniff);
        }
        return handlers.build();
    }
}
