package io.batchcast.adapter.auth;

import java.util.Arrays;

/**
 * The shared secret HS256 tokens are signed with ({@code BATCHCAST_JWT_SECRET}): at least 32 bytes, HS256's key size,
 * so a short secret stops the start instead of making tokens easy to forge. The one place that limit is checked.
 */
public final class HmacSecret {

    public static final int MIN_BYTES = 32;

    private final byte[] bytes;

    public HmacSecret(byte[] bytes) {
        if (bytes == null || bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException("BATCHCAST_JWT_SECRET (batchcast.jwt.secret) must be at least "
                    + MIN_BYTES + " bytes for HS256, was " + (bytes == null ? 0 : bytes.length));
        }
        this.bytes = bytes.clone();
    }

    /** A copy: the secret cannot be changed from outside. */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HmacSecret secret && Arrays.equals(bytes, secret.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Keeps the secret out of logs. */
    @Override
    public String toString() {
        return "HmacSecret[" + bytes.length + " bytes]";
    }
}
