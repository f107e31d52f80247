package io.batchcast.adapter.auth;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Which access tokens count. HS256 tokens are checked with {@code hmacSecret}, RS256 and ES256 tokens against the
 * identity provider's keys at {@code jwksUrl}; with both configured, a token's {@code alg} says which applies.
 * {@code issuer} and {@code audience}, when set, must be in every token, whatever its algorithm.
 *
 * @param hmacSecret the HS256 secret ({@code batchcast.jwt.secret}); empty: HS256 tokens are refused
 * @param jwksUrl    a {@code file:}, {@code https:} or {@code http:} URL of a JWK set ({@code batchcast.auth.jwks-url});
 *                   empty: RS256 and ES256 tokens are refused
 * @param issuer     the required {@code iss} ({@code batchcast.auth.issuer}); empty: not checked
 * @param audience   a value {@code aud} must hold ({@code batchcast.auth.audience}); empty: not checked
 */
public record AccessTokenSettings(Optional<HmacSecret> hmacSecret, Optional<URI> jwksUrl, Optional<String> issuer,
        Optional<String> audience) {

    public AccessTokenSettings {
        if (hmacSecret.isEmpty() && jwksUrl.isEmpty()) {
            throw new IllegalArgumentException("no access token could ever be accepted: set BATCHCAST_JWT_SECRET "
                    + "(batchcast.jwt.secret) for HS256, batchcast.auth.jwks-url for RS256/ES256, or both");
        }
        jwksUrl = jwksUrl.map(AccessTokenSettings::usableJwksUrl);
        requireNotBlank("batchcast.auth.issuer", issuer);
        requireNotBlank("batchcast.auth.audience", audience);
    }

    /** HS256 with this secret only, no issuer or audience required. */
    public static AccessTokenSettings hmac(HmacSecret secret) {
        return new AccessTokenSettings(Optional.of(secret), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** RS256 and ES256 against this JWK set only, no issuer or audience required. */
    public static AccessTokenSettings jwks(URI jwksUrl) {
        return new AccessTokenSettings(Optional.empty(), Optional.of(jwksUrl), Optional.empty(), Optional.empty());
    }

    public AccessTokenSettings withJwksUrl(URI value) {
        return new AccessTokenSettings(hmacSecret, Optional.of(value), issuer, audience);
    }

    public AccessTokenSettings withIssuer(String value) {
        return new AccessTokenSettings(hmacSecret, jwksUrl, Optional.of(value), audience);
    }

    public AccessTokenSettings withAudience(String value) {
        return new AccessTokenSettings(hmacSecret, jwksUrl, issuer, Optional.of(value));
    }

    /** A web URL as it is; a file URL made absolute ({@code file:keys/jwks.json} is relative to the working directory). */
    private static URI usableJwksUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "https", "http" -> {
                if (url.getHost() == null) {
                    throw new IllegalArgumentException("batchcast.auth.jwks-url must name a host, was '" + url + "'");
                }
                return url;
            }
            case "file" -> {
                Path file = url.isOpaque() ? Path.of(url.getSchemeSpecificPart()) : Path.of(url);
                if (!Files.isReadable(file)) {
                    throw new IllegalArgumentException("batchcast.auth.jwks-url names a file that cannot be read: "
                            + file.toAbsolutePath());
                }
                return file.toAbsolutePath().toUri();
            }
            default -> throw new IllegalArgumentException("batchcast.auth.jwks-url must be a file:, https: or http: "
                    + "URL, was '" + url + "'");
        }
    }

    private static void requireNotBlank(String key, Optional<String> value) {
        if (value.isPresent() && value.get().isBlank()) {
            throw new IllegalArgumentException(key + " must not be blank when set");
        }
    }
}
