package io.batchcast.bootstrap;

import io.batchcast.adapter.auth.HmacSecret;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The HS256 signing secret: {@code BATCHCAST_JWT_SECRET} (its length is checked by {@link HmacSecret}), or, when none
 * is configured and one is needed, a random one for this run only (tokens then die with the process). None is
 * needed when an identity provider's JWK set is configured and the demo is off: HS256 is then simply not accepted.
 */
record JwtSecret(Optional<HmacSecret> hmac, boolean generated) {

    static JwtSecret fromConfig(String configured) {
        return fromConfig(configured, true);
    }

    static JwtSecret fromConfig(String configured, boolean generateWhenMissing) {
        if (configured != null && !configured.isEmpty()) {
            return new JwtSecret(Optional.of(new HmacSecret(configured.getBytes(StandardCharsets.UTF_8))), false);
        }
        if (!generateWhenMissing) {
            return new JwtSecret(Optional.empty(), false);
        }
        byte[] random = new byte[HmacSecret.MIN_BYTES];
        new SecureRandom().nextBytes(random);
        byte[] text = Base64.getUrlEncoder().withoutPadding().encodeToString(random).getBytes(StandardCharsets.US_ASCII);
        return new JwtSecret(Optional.of(new HmacSecret(text)), true);
    }

    byte[] bytes() {
        return hmac.orElseThrow(() -> new IllegalStateException("no HS256 secret is configured")).bytes();
    }

    String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }
}
