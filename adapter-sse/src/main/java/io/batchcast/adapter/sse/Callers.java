package io.batchcast.adapter.sse;

import io.batchcast.application.port.out.AccessTokenVerification;
import io.batchcast.application.port.out.KeysUnavailable;
import io.batchcast.application.port.out.TokenVerdict;
import io.batchcast.application.port.out.VerifiedCaller;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * Who is asking: the one credential of a request (header, cookie or {@code access_token}), checked by the access-token
 * port. Every authenticated route of this adapter goes through here, so they all refuse alike.
 */
final class Callers {

    static final String HOW_TO_AUTHENTICATE = "a valid, unexpired access token is required (Authorization: Bearer, "
            + "the batchcast_token cookie, or the access_token parameter)";
    private static final String CHALLENGE = "Bearer realm=\"batchcast\"";
    private static final String RETRY_AFTER_SECONDS = "5";

    private Callers() {
    }

    /**
     * The origin check, then the caller; empty after answering 403 (an origin not allowed), 401 or 503 (the keys are
     * unreachable) on {@code response}.
     */
    static Optional<VerifiedCaller> admit(ServerRequest request, ServerResponse response, CorsPolicy cors,
            AccessTokenVerification tokens) {
        if (!cors.admit(request, response)) {
            return Optional.empty();
        }
        Optional<String> ambiguous = StreamRequest.ambiguousCredentials(request);
        Optional<TokenVerdict> verdict = ambiguous.isPresent() ? Optional.empty()
                : StreamRequest.accessToken(request).map(tokens::verify);
        if (verdict.orElse(null) instanceof VerifiedCaller verified) {
            return Optional.of(verified);
        }
        refuse(response, verdict.orElse(null), ambiguous.orElse(HOW_TO_AUTHENTICATE));
        return Optional.empty();
    }

    /**
     * The answer to a request whose token proves no caller: 401 with a Bearer challenge, or 503 when the token could
     * not be checked because the identity provider's keys are unreachable (not the client's fault: it retries the
     * same token).
     *
     * @param message what the 401 says: how to send a token, or why the credentials are ambiguous
     */
    static void refuse(ServerResponse response, TokenVerdict verdict, String message) {
        if (verdict instanceof KeysUnavailable unavailable) {
            response.header(HeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
            JsonResponses.send(response, Status.SERVICE_UNAVAILABLE_503, "keys_unavailable", unavailable.message());
            return;
        }
        response.header(HeaderNames.WWW_AUTHENTICATE, CHALLENGE);
        JsonResponses.send(response, Status.UNAUTHORIZED_401, "unauthenticated", message);
    }
}
