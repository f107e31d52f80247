package io.batchcast.benchmark.sse;

/**
 * HTTP/1.1 chunked transfer coding, decoded incrementally as bytes arrive from the socket (push style, so one read
 * buffer serves thousands of connections without a stream stack per connection). Chunk extensions and trailers are
 * skipped; a zero-size chunk ends the body.
 */
public final class ChunkedDecoder {

    /** Receives the decoded body bytes. */
    public interface BodySink {
        void accept(byte[] bytes, int offset, int length);
    }

    private enum State { SIZE, SIZE_EXTENSION, DATA, DATA_CR, DATA_LF, DONE }

    private final BodySink sink;
    private State state = State.SIZE;
    private long size;
    private boolean sizeSeen;
    private long remaining;

    public ChunkedDecoder(BodySink sink) {
        this.sink = sink;
    }

    /** True once the terminating zero-size chunk has been read. */
    public boolean finished() {
        return state == State.DONE;
    }

    public void feed(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end && state != State.DONE) {
            if (state == State.DATA) {
                int n = (int) Math.min(remaining, end - i);
                sink.accept(bytes, i, n);
                remaining -= n;
                i += n;
                if (remaining == 0) {
                    state = State.DATA_CR;
                }
            } else {
                control(bytes[i++]);
            }
        }
    }

    private void control(byte b) {
        switch (state) {
            case SIZE -> size(b);
            case SIZE_EXTENSION -> {
                if (b == '\n') {
                    endOfSizeLine();
                }
            }
            case DATA_CR -> state = b == '\r' ? State.DATA_LF : lfOrFail(b);
            case DATA_LF -> state = lfOrFail(b);
            default -> throw new IllegalStateException("unexpected state " + state);
        }
    }

    private void size(byte b) {
        int digit = Character.digit(b, 16);
        if (digit >= 0) {
            size = size * 16 + digit;
            sizeSeen = true;
        } else if (b == '\n') {
            endOfSizeLine();
        } else if (b == ';' || b == ' ' || b == '\t' || b == '\r') {
            state = State.SIZE_EXTENSION;
        } else {
            throw new IllegalStateException("malformed chunk size byte 0x" + Integer.toHexString(b & 0xff));
        }
    }

    private void endOfSizeLine() {
        if (!sizeSeen) {
            throw new IllegalStateException("empty chunk size line");
        }
        remaining = size;
        state = size == 0 ? State.DONE : State.DATA;
        size = 0;
        sizeSeen = false;
    }

    private State lfOrFail(byte b) {
        if (b != '\n') {
            throw new IllegalStateException("chunk data not followed by CRLF");
        }
        return State.SIZE;
    }

    /** Bytes the chunked coding adds around one chunk of {@code payloadBytes}: hex size, CRLF, data, CRLF. */
    public static int overhead(int payloadBytes) {
        return Integer.toHexString(payloadBytes).length() + 4;
    }
}
