package io.batchcast.application.port.in;

/** Why a stream ended; every protocol maps each of them (a switch over them needs no default). */
public sealed interface StreamEnd {

    /** A write failed: the client is gone. */
    record ClientGone() implements StreamEnd {
    }

    /** The reader fell {@code capacity} frames behind and was cut off; it resumes by its cursor. */
    record TooSlow(int capacity) implements StreamEnd {
    }

    /** The access token reached its expiry; the client comes back with a fresh one. */
    record TokenExpired() implements StreamEnd {
    }

    /** The server is stopping; the client reconnects, to this instance or the next. */
    record ShutDown() implements StreamEnd {
    }

    /**
     * The cursor could not be honoured and the protocol has no resync frame: the stream ends after the frames
     * before it, and the client resumes from {@code headCursor} (empty: no event yet).
     */
    record CursorUnusable(String headCursor, String reason) implements StreamEnd {
    }
}
