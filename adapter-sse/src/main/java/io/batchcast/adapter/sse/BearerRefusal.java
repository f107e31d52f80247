package io.batchcast.adapter.sse;

import io.batchcast.application.port.out.KeysUnavailable;
import io.batchcast.application.port.out.TokenVerdict;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/**
 * The answer to a request whose token proves no caller: 401 with a Bearer challenge, or 503 when the token could not
 * be checked because the identity provider's keys are unreachable (not the client's fault: it retries the same token).
 */
final class BearerRefusal {

    private static final String CHALLENGE = "Bearer realm=\"batchcast\"";
    private static final String RETRY_AFTER_SECONDS = "5";

    private BearerRefusal() {
    }

    /** @param message what the 401 says: how to send a token, or why the credentials are ambiguous */
    static void send(ServerResponse response, TokenVerdict verdict, String message) {
        if (verdict instanceof KeysUnavailable unavailable) {
            response.header(HeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
            ErrorResponses.send(response, Status.SERVICE_UNAVAILABLE_503, "keys_unavailable", unavailable.message());
            return;
        }
        response.header(HeaderNames.WWW_AUTHENTICATE, CHALLENGE);
        ErrorResponses.send(response, Status.UNAUTHORIZED_401, "unauthenticated", message);
    }
}
