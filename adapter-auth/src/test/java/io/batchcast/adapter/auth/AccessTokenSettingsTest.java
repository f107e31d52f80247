package io.batchcast.adapter.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTokenSettingsTest {

    private static final HmacSecret SECRET = new HmacSecret(HsTokens.SECRET);

    private static String refusal(Runnable settings) {
        return assertThrows(IllegalArgumentException.class, settings::run).getMessage();
    }

    @Test
    void aSecretShorterThan32BytesIsRefusedNamingTheKeyAndTheLimit() {
        assertEquals("BATCHCAST_JWT_SECRET (batchcast.jwt.secret) must be at least 32 bytes for HS256, was 31",
                refusal(() -> new HmacSecret("only-31-bytes-long-secret-value".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(32, new HmacSecret(new byte[32]).bytes().length);
    }

    @Test
    void theSecretStaysOutOfLogs() {
        assertEquals("HmacSecret[64 bytes]", SECRET.toString());
        assertFalse(AccessTokenSettings.hmac(SECRET).toString().contains("batchcast-test-secret"));
    }

    @Test
    void neitherSecretNorJwksIsRefused() {
        assertEquals("no access token could ever be accepted: set BATCHCAST_JWT_SECRET (batchcast.jwt.secret) for "
                + "HS256, batchcast.auth.jwks-url for RS256/ES256, or both", refusal(() -> new AccessTokenSettings(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())));
    }

    @Test
    void theJwksUrlMustBeAReadableFileOrAWebUrl(@TempDir Path dir) throws Exception {
        Path jwks = Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[]}");

        assertEquals("batchcast.auth.jwks-url must be a file:, https: or http: URL, was 'ftp://idp.example.com/jwks'",
                refusal(() -> AccessTokenSettings.jwks(URI.create("ftp://idp.example.com/jwks"))));
        assertEquals("batchcast.auth.jwks-url must be a file:, https: or http: URL, was 'keys/jwks.json'",
                refusal(() -> AccessTokenSettings.jwks(URI.create("keys/jwks.json"))));
        assertEquals("batchcast.auth.jwks-url names a file that cannot be read: " + dir.resolve("missing.json"),
                refusal(() -> AccessTokenSettings.jwks(dir.resolve("missing.json").toUri())));
        assertEquals("batchcast.auth.jwks-url must name a host, was 'https:/jwks.json'",
                refusal(() -> AccessTokenSettings.jwks(URI.create("https:/jwks.json"))));
        assertEquals(Optional.of(jwks.toUri()), AccessTokenSettings.jwks(jwks.toUri()).jwksUrl());
        assertEquals(Optional.of(URI.create("https://idp.example.com/jwks")),
                AccessTokenSettings.jwks(URI.create("https://idp.example.com/jwks")).jwksUrl());
    }

    @Test
    void aRelativeFileUrlIsResolvedAgainstTheWorkingDirectory() throws Exception {
        Path relative = Path.of("target", "relative-jwks.json");
        Files.createDirectories(relative.getParent());
        Files.writeString(relative, "{\"keys\":[]}");

        assertEquals(Optional.of(relative.toAbsolutePath().toUri()),
                AccessTokenSettings.jwks(URI.create("file:target/relative-jwks.json")).jwksUrl());
    }

    @Test
    void aBlankIssuerOrAudienceIsRefused() {
        assertEquals("batchcast.auth.issuer must not be blank when set",
                refusal(() -> AccessTokenSettings.hmac(SECRET).withIssuer(" ")));
        assertEquals("batchcast.auth.audience must not be blank when set",
                refusal(() -> AccessTokenSettings.hmac(SECRET).withAudience("")));
    }
}
