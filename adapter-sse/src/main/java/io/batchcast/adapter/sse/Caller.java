package io.batchcast.adapter.sse;

import java.time.Instant;

/** Who opened a stream, from a verified access token: the user id ({@code sub}) and when the token stops being valid. */
record Caller(String userId, Instant expiresAt) {
}
