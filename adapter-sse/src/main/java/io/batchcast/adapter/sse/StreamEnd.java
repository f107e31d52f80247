package io.batchcast.adapter.sse;

/** Why a stream ended; decides whether the response can still be finished cleanly. */
enum StreamEnd {
    /** A write failed: the client is gone (found within one heartbeat interval of closing its connection). */
    CLIENT_GONE(false),
    /** The reader fell a whole queue behind and was cut off; it resumes by its cursor. */
    TOO_SLOW(false),
    /** The access token reached its {@code exp}; the client must come back with a fresh one. */
    TOKEN_EXPIRED(true),
    /** The server is stopping; the client reconnects, to this instance or the next. */
    SHUTDOWN(true);

    private final boolean socketUsable;

    StreamEnd(boolean socketUsable) {
        this.socketUsable = socketUsable;
    }

    /** Whether the response can be ended with its terminating chunk rather than by dropping the connection. */
    boolean socketUsable() {
        return socketUsable;
    }
}
