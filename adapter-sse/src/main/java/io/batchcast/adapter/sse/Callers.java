package io.batchcast.adapter.sse;

import io.batchcast.application.port.out.AccessTokenVerification;
import io.batchcast.application.port.out.TokenVerdict;
import io.batchcast.application.port.out.VerifiedCaller;
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

    private Callers() {
    }

    /**
     * For the plain JSON routes: the origin check, then the caller; empty after answering 403 (an origin not
     * allowed), 401 or 503 on {@code response}.
     */
    static Optional<VerifiedCaller> admit(ServerRequest request, ServerResponse response, CorsPolicy cors,
            AccessTokenVerification tokens) {
        if (!cors.admit(request, response)) {
            ErrorResponses.send(response, Status.FORBIDDEN_403, "origin_not_allowed",
                    "this origin is not in the allowed origins of this server");
            return Optional.empty();
        }
        return verify(request, response, tokens);
    }

    /** The verified caller, or empty after answering 401 (or 503 when the keys are unreachable) on {@code response}. */
    static Optional<VerifiedCaller> verify(ServerRequest request, ServerResponse response,
            AccessTokenVerification tokens) {
        Optional<String> ambiguous = StreamRequest.ambiguousCredentials(request);
        Optional<TokenVerdict> verdict = ambiguous.isPresent() ? Optional.empty()
                : StreamRequest.accessToken(request).map(tokens::verify);
        if (verdict.orElse(null) instanceof VerifiedCaller verified) {
            return Optional.of(verified);
        }
        BearerRefusal.send(response, verdict.orElse(null), ambiguous.orElse(HOW_TO_AUTHENTICATE));
        return Optional.empty();
    }
}
