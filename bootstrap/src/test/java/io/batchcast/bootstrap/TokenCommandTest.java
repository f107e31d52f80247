package io.batchcast.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenCommandTest {

    private static final String SECRET = "token-command-secret-0123456789abcdef";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> config, String... args) {
        Config c = Config.just(ConfigSources.create(config));
        return TokenCommand.run(args, c, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsAnHs256TokenForTheUserSignedWithTheConfiguredSecret() throws Exception {
        int code = run(Map.of("batchcast.jwt.secret", SECRET), "token", "--user", "42", "--ttl", "PT2H");

        assertEquals(0, code);
        SignedJWT jwt = SignedJWT.parse(out.toString(StandardCharsets.UTF_8).strip());
        assertEquals(JWSAlgorithm.HS256, jwt.getHeader().getAlgorithm());
        assertTrue(jwt.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8))));
        assertEquals("42", jwt.getJWTClaimsSet().getSubject());
        Duration ttl = Duration.between(jwt.getJWTClaimsSet().getIssueTime().toInstant(),
                jwt.getJWTClaimsSet().getExpirationTime().toInstant());
        assertEquals(Duration.ofHours(2), ttl);
        assertTrue(jwt.getJWTClaimsSet().getExpirationTime().toInstant().isAfter(Instant.now()));
    }

    @Test
    void refusesWithoutAConfiguredSecretBecauseNoServerWouldAcceptTheToken() {
        int code = run(Map.of(), "token", "--user", "42");

        assertEquals(2, code);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("BATCHCAST_JWT_SECRET is not set"));
    }

    @Test
    void missingUserOrUnknownOptionPrintsUsage() {
        assertEquals(2, run(Map.of("batchcast.jwt.secret", SECRET), "token"));
        assertEquals(2, run(Map.of("batchcast.jwt.secret", SECRET), "token", "--usr", "42"));
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("--user is required"), errors);
        assertTrue(errors.contains("unknown option --usr"), errors);
        assertTrue(errors.contains("usage: java -jar batchcast.jar token --user <user id>"), errors);
    }

    @Test
    void helpPrintsUsageAndEveryOptionOnStdoutWithoutNeedingASecret() {
        assertEquals(0, run(Map.of(), "token", "--help"));

        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.startsWith(TokenCommand.USAGE + "\n\nPrints an HS256 access token"), help);
        for (String option : new String[] {"\n  --user <user id>   ", "\n  --ttl <duration>   ", "\n  --help    ",
                "\n  --version  "}) {
            assertTrue(help.contains(option), option + " in\n" + help);
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertEquals(0, run(Map.of(), "token", "--user", "42", "--help"), "--help wins over the other options");
    }

    @Test
    void versionPrintsTheBuildVersionOnStdout() {
        Config none = Config.just(ConfigSources.create(Map.of()));
        int code = TokenCommand.run(new String[] {"token", "--version"}, none, java.util.Optional.of("1.2.3"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(0, code);
        assertEquals("batchcast 1.2.3\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aTtlThatIsNoPositiveDurationIsRefusedNamingTheOption() {
        assertEquals(2, run(Map.of("batchcast.jwt.secret", SECRET), "token", "--user", "42", "--ttl", "1h"));
        assertEquals(2, run(Map.of("batchcast.jwt.secret", SECRET), "token", "--user", "42", "--ttl", "PT0S"));
        assertEquals(2, run(Map.of("batchcast.jwt.secret", SECRET), "token", "--user", "42", "--ttl"));

        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("--ttl must be a positive ISO-8601 duration such as PT24H, was '1h'\n"), errors);
        assertTrue(errors.contains("--ttl must be a positive ISO-8601 duration such as PT24H, was 'PT0S'\n"), errors);
        assertTrue(errors.contains("--ttl must be a positive ISO-8601 duration such as PT24H, was missing\n"), errors);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSecretShorterThan32BytesIsRefusedByTheCommandNamingTheLimit() {
        assertEquals(2, run(Map.of("batchcast.jwt.secret", "short"), "token", "--user", "42"));
        assertEquals("BATCHCAST_JWT_SECRET (batchcast.jwt.secret) must be at least 32 bytes for HS256, was 5\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSecretShorterThan32BytesIsRefusedNamingTheLimit() {
        var failure = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> JwtSecret.fromConfig("short"));
        assertEquals("BATCHCAST_JWT_SECRET (batchcast.jwt.secret) must be at least 32 bytes for HS256, was 5",
                failure.getMessage());
    }
}
