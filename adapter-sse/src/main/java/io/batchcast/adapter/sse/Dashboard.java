package io.batchcast.adapter.sse;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;

/**
 * The live dashboard at {@code /}: static HTML, CSS and JavaScript from the classpath, no build step. Served with a
 * strict content security policy (own scripts only) and no referrer, because its URL may carry an access token
 * ({@code nosniff}, which every response gets, comes from {@link ResponseHeaders}).
 */
final class Dashboard {

    static final String LOCATION = "io/batchcast/adapter/sse/dashboard";
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private Dashboard() {
    }

    static void register(HttpRouting.Builder routing) {
        routing.get("/*", (request, response) -> {
            if (!request.path().path().startsWith("/api/")) {
                response.header(HeaderNames.create("Content-Security-Policy"), CONTENT_SECURITY_POLICY);
                response.header(HeaderNames.create("Referrer-Policy"), "no-referrer");
                response.header(HeaderNames.CACHE_CONTROL, "no-cache");
            }
            response.next();
        });
        routing.register("/", StaticContentFeature.createService(ClasspathHandlerConfig.builder()
                .location(LOCATION)
                .welcome("index.html")
                .build()));
    }
}
