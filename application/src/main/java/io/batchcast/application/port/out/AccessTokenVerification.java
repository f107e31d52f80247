package io.batchcast.application.port.out;

/**
 * Checks an access token (a bearer JWT) and says who it proves. Every protocol adapter asks this one port, so a token
 * is good for gRPC and SSE alike or for neither. The adapters answer {@link TokenRejected} with 401 /
 * UNAUTHENTICATED and {@link KeysUnavailable} with 503 / UNAVAILABLE.
 */
@FunctionalInterface
public interface AccessTokenVerification {

    /**
     * @param token the token as the client sent it, without the {@code Bearer } scheme; null or blank is rejected
     * @return the verified caller, or why the token does not count
     */
    TokenVerdict verify(String token);
}
