package io.batchcast.bootstrap;

import io.batchcast.adapter.auth.AccessTokenSettings;
import io.helidon.config.Config;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The access-token keys of the {@code batchcast} tree: {@code jwt.secret} (BATCHCAST_JWT_SECRET) and the identity
 * provider's {@code auth.jwks-url}, {@code auth.issuer} and {@code auth.audience}; an empty value is unset.
 */
record AuthConfig(String configuredSecret, Optional<URI> jwksUrl, Optional<String> issuer, Optional<String> audience) {

    static AuthConfig from(Config batchcast) {
        return new AuthConfig(
                batchcast.get("jwt.secret").asString().orElse(""),
                optional(batchcast, "auth.jwks-url").map(AuthConfig::uri),
                optional(batchcast, "auth.issuer"),
                optional(batchcast, "auth.audience"));
    }

    /** The verifier's settings, with the secret this run uses (configured, generated, or none). */
    AccessTokenSettings tokens(JwtSecret secret) {
        return new AccessTokenSettings(secret.hmac(), jwksUrl, issuer, audience);
    }

    private static Optional<String> optional(Config batchcast, String key) {
        return batchcast.get(key).asString().map(String::strip).filter(value -> !value.isEmpty());
    }

    private static URI uri(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("batchcast.auth.jwks-url is not a URL: '" + value + "' ("
                    + e.getReason() + ")", e);
        }
    }
}
