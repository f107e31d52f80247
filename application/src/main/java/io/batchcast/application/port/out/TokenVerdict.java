package io.batchcast.application.port.out;

/** What {@link AccessTokenVerification#verify} decided about one token. */
public sealed interface TokenVerdict permits VerifiedCaller, TokenRejected, KeysUnavailable {
}
