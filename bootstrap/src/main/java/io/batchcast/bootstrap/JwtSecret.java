package io.batchcast.bootstrap;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HS256 signing secret: {@code BATCHCAST_JWT_SECRET} (at least 32 bytes, HS256's key size), or, when none is
 * configured, a random one for this run only (tokens then die with the process).
 */
record JwtSecret(byte[] bytes, boolean generated) {

    static final int MIN_BYTES = 32;

    static JwtSecret fromConfig(String configured) {
        if (configured == null || configured.isEmpty()) {
            byte[] random = new byte[MIN_BYTES];
            new SecureRandom().nextBytes(random);
            return new JwtSecret(Base64.getUrlEncoder().withoutPadding().encodeToString(random)
                    .getBytes(StandardCharsets.US_ASCII), true);
        }
        byte[] bytes = configured.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException("BATCHCAST_JWT_SECRET (batchcast.jwt.secret) must be at least "
                    + MIN_BYTES + " bytes for HS256, was " + bytes.length);
        }
        return new JwtSecret(bytes, false);
    }

    String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
