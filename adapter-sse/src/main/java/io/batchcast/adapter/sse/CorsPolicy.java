package io.batchcast.adapter.sse;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Cross-origin access for an exact list of origins, with credentials (the token cookie), so never {@code *}.
 * Requests without an {@code Origin}, or from this server's own origin, are not cross-origin and pass. Any other
 * origin is refused with 403 before a stream opens: the browser would hide the response anyway, but the stream would
 * still hold a connection slot of the user.
 */
final class CorsPolicy {

    private static final String ALLOWED_HEADERS = "Authorization, Last-Event-ID";
    private static final String PREFLIGHT_MAX_AGE_SECONDS = "600";

    private final List<String> allowedOrigins;

    CorsPolicy(List<String> allowedOrigins) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** Adds the CORS headers this request gets; false after answering 403 when its origin may not use the API. */
    boolean admit(ServerRequest request, ServerResponse response) {
        response.headers().add(HeaderNames.VARY, "Origin");
        Optional<String> origin = request.headers().first(HeaderNames.ORIGIN);
        if (origin.isEmpty() || isOwnOrigin(origin.get(), request)) {
            return true;
        }
        if (!allowedOrigins.contains(origin.get().toLowerCase(Locale.ROOT))) {
            JsonResponses.send(response, Status.FORBIDDEN_403, "origin_not_allowed",
                    "this origin is not in the allowed origins of this server");
            return false;
        }
        response.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin.get());
        response.header(HeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        return true;
    }

    /** Answers an {@code OPTIONS} preflight for the given methods. */
    void preflight(ServerRequest request, ServerResponse response, String methods) {
        if (!admit(request, response)) {
            return;
        }
        response.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, methods);
        response.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
        response.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, PREFLIGHT_MAX_AGE_SECONDS);
        response.header(HeaderNames.ALLOW, methods);
        response.status(Status.NO_CONTENT_204).send();
    }

    /** A page served by this very server (e.g. the dashboard), whatever the scheme a proxy in front terminated. */
    private static boolean isOwnOrigin(String origin, ServerRequest request) {
        Optional<String> host = request.headers().first(HeaderNames.HOST);
        if (host.isEmpty()) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            if (authority == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                return false;
            }
            String defaultPort = "https".equals(uri.getScheme()) ? ":443" : ":80";
            String requestHost = host.get().toLowerCase(Locale.ROOT);
            String originHost = authority.toLowerCase(Locale.ROOT);
            return requestHost.equals(originHost) || requestHost.equals(originHost + defaultPort);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
