package io.batchcast.adapter.sse;

import io.batchcast.application.port.out.AccessTokenVerification;
import io.batchcast.application.port.out.TokenVerdict;
import io.batchcast.application.port.out.VerifiedCaller;
import io.helidon.http.HeaderNames;
import io.helidon.http.SetCookie;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code POST /api/v1/session} trades a bearer token for the HttpOnly {@code batchcast_token} cookie, so a page can
 * open its EventSource without the token in the URL (URLs end up in logs, history and Referer headers);
 * {@code DELETE} clears it. The cookie lives exactly as long as the token, is scoped to {@code /api/}, is
 * {@code SameSite=Strict} (no other site can make the browser send it) and {@code Secure} on TLS connections.
 */
final class SessionCookie implements HttpService {

    static final String PATH = "/api/v1/session";

    private final AccessTokenVerification tokens;
    private final CorsPolicy cors;
    private final Clock clock;

    SessionCookie(CorsPolicy cors, AccessTokenVerification tokens, Clock clock) {
        this.tokens = tokens;
        this.cors = cors;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(PATH, this::open)
                .delete(PATH, this::clear)
                .options(PATH, (req, res) -> cors.preflight(req, res, "POST, DELETE, OPTIONS"));
    }

    private void open(ServerRequest request, ServerResponse response) {
        if (!cors.admit(request, response)) {
            return;
        }
        // only the header: a cookie or URL token cannot be traded for a (new) cookie
        Optional<String> ambiguous = StreamRequest.ambiguousCredentials(request);
        Optional<String> bearer = request.headers().contains(HeaderNames.AUTHORIZATION) && ambiguous.isEmpty()
                ? StreamRequest.accessToken(request) : Optional.empty();
        Optional<TokenVerdict> verdict = bearer.map(tokens::verify);
        if (!(verdict.orElse(null) instanceof VerifiedCaller caller)) {
            Callers.refuse(response, verdict.orElse(null),
                    ambiguous.orElse("send a valid, unexpired access token as Authorization: Bearer"));
            return;
        }
        Duration lifetime = Duration.between(clock.instant(), caller.expiresAt());
        response.headers().addCookie(cookie(bearer.get(), lifetime, request.isSecure()));
        response.headers().set(HeaderNames.CACHE_CONTROL, "no-store");
        response.status(Status.NO_CONTENT_204).send();
    }

    private void clear(ServerRequest request, ServerResponse response) {
        if (!cors.admit(request, response)) {
            return;
        }
        response.headers().addCookie(cookie("", Duration.ZERO, request.isSecure()));
        response.status(Status.NO_CONTENT_204).send();
    }

    private static SetCookie cookie(String value, Duration maxAge, boolean secure) {
        return SetCookie.builder(StreamRequest.TOKEN_COOKIE, value)
                .path("/api/")
                .maxAge(maxAge)
                .httpOnly(true)
                .sameSite(SetCookie.SameSite.STRICT)
                .secure(secure)
                .build();
    }
}
