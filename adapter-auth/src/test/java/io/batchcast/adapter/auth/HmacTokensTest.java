package io.batchcast.adapter.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import io.batchcast.application.port.out.TokenRejected;
import io.batchcast.application.port.out.TokenRejected.Reason;
import io.batchcast.application.port.out.VerifiedCaller;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** HS256 with the shared secret: the rules both protocols have always applied, now in one verifier. */
class HmacTokensTest {

    private final JwtAccessTokens tokens = HsTokens.verifier();

    private void assertRejected(Reason reason, String message, String token) {
        assertEquals(new TokenRejected(reason, message), tokens.verify(token));
    }

    @Test
    void aValidTokenProvesItsSubjectUntilItsExpiry() {
        Instant expiry = Instant.parse("2025-10-30T13:34:56Z");

        assertEquals(new VerifiedCaller("alice", expiry),
                tokens.verify(HsTokens.signed(JWSAlgorithm.HS256, HsTokens.SECRET, "alice", expiry)));
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        Instant expiry = Instant.parse("2025-10-30T12:35:56Z");

        assertEquals(new VerifiedCaller("alice", expiry),
                tokens.verify("  " + HsTokens.signed(JWSAlgorithm.HS256, HsTokens.SECRET, "alice", expiry) + " "));
    }

    @Test
    void absentOrMalformedTokensAreRejected() {
        assertRejected(Reason.MALFORMED, "no access token", null);
        assertRejected(Reason.MALFORMED, "no access token", " ");
        assertRejected(Reason.MALFORMED, "the token is not a signed JWT", "not.a.jwt");
        assertRejected(Reason.MALFORMED, "the token is not a signed JWT", HsTokens.unsigned("alice"));
    }

    @Test
    void onlyHs256IsAcceptedForTheSecretEvenWithTheRightSecret() {
        for (JWSAlgorithm other : new JWSAlgorithm[] {JWSAlgorithm.HS384, JWSAlgorithm.HS512}) {
            assertRejected(Reason.ALGORITHM_NOT_ACCEPTED, "the token must be signed with HS256",
                    HsTokens.signed(other, HsTokens.SECRET, "alice", HsTokens.NOW.plusSeconds(3600)));
        }
    }

    @Test
    void aTokenSignedWithAnotherSecretOrTamperedWithIsRejected() {
        String[] parts = HsTokens.valid("alice").split("\\.");
        String mallory = HsTokens.valid("mallory").split("\\.")[1];

        assertRejected(Reason.INVALID_SIGNATURE, "the token signature is invalid",
                HsTokens.signed(JWSAlgorithm.HS256, HsTokens.OTHER_SECRET, "alice", HsTokens.NOW.plusSeconds(3600)));
        assertRejected(Reason.INVALID_SIGNATURE, "the token signature is invalid",
                parts[0] + "." + mallory + "." + parts[2]);
    }

    @Test
    void expiryIsRequiredAndExactToTheMillisecondWithoutSkew() {
        assertRejected(Reason.MISSING_EXPIRY, "the token has no expiry (exp claim)",
                HsTokens.signed(JWSAlgorithm.HS256, HsTokens.SECRET, "alice", null));
        assertRejected(Reason.EXPIRED, "the token has expired",
                HsTokens.signed(JWSAlgorithm.HS256, HsTokens.SECRET, "alice", HsTokens.NOW.minusSeconds(1)));
        // exp is whole seconds: NOW is 12:34:56.789, so an exp of 12:34:56 has passed and 12:34:57 has not
        assertRejected(Reason.EXPIRED, "the token has expired",
                HsTokens.signed(JWSAlgorithm.HS256, HsTokens.SECRET, "alice", Instant.parse("2025-10-30T12:34:56Z")));
        assertEquals(new VerifiedCaller("alice", Instant.parse("2025-10-30T12:34:57Z")), tokens.verify(
                HsTokens.signed(JWSAlgorithm.HS256, HsTokens.SECRET, "alice", Instant.parse("2025-10-30T12:34:57Z"))));
    }

    @Test
    void notBeforeIsRespectedWithoutSkew() {
        Instant inFiveMinutes = HsTokens.NOW.plusSeconds(300);
        Instant aSecondAgo = HsTokens.NOW.minusSeconds(1);

        assertRejected(Reason.NOT_YET_VALID, "the token is not valid yet (nbf claim)", notBefore(inFiveMinutes));
        assertEquals(new VerifiedCaller("alice", Instant.parse("2025-10-30T13:34:56Z")),
                tokens.verify(notBefore(aSecondAgo)));
    }

    private static String notBefore(Instant notBefore) {
        return HsTokens.signed(new JWSHeader(JWSAlgorithm.HS256), HsTokens.SECRET, new JWTClaimsSet.Builder()
                .subject("alice").notBeforeTime(Date.from(notBefore))
                .expirationTime(Date.from(Instant.parse("2025-10-30T13:34:56Z"))).build());
    }

    @Test
    void theSubjectMustBeAWellFormedStringOf1To128Characters() {
        String json = "the token subject (sub claim, the user id) must be a JSON string";
        String length = "the token subject (sub claim, the user id) must be 1 to 128 characters";
        String text = "the token subject (sub claim, the user id) must be well-formed Unicode without control characters";

        assertRejected(Reason.INVALID_SUBJECT, json, HsTokens.signedJson("{\"sub\":42," + HsTokens.expInAnHour() + "}"));
        assertRejected(Reason.INVALID_SUBJECT, length, HsTokens.signed(JWSAlgorithm.HS256, HsTokens.SECRET, null,
                HsTokens.NOW.plusSeconds(3600)));
        assertRejected(Reason.INVALID_SUBJECT, length, HsTokens.valid(" "));
        assertRejected(Reason.INVALID_SUBJECT, length, HsTokens.valid("u".repeat(129)));
        assertRejected(Reason.INVALID_SUBJECT, text,
                HsTokens.signedJson("{\"sub\":\"rt-\\ud800\"," + HsTokens.expInAnHour() + "}"));
        assertRejected(Reason.INVALID_SUBJECT, text,
                HsTokens.signedJson("{\"sub\":\"rt-\\udc00\\ud800\"," + HsTokens.expInAnHour() + "}"));
        assertRejected(Reason.INVALID_SUBJECT, text,
                HsTokens.signedJson("{\"sub\":\"rt-\\u0000\"," + HsTokens.expInAnHour() + "}"));
        assertEquals("u".repeat(128), ((VerifiedCaller) tokens.verify(HsTokens.valid("u".repeat(128)))).userId());
        assertEquals("rt-\uD83D\uDE80", ((VerifiedCaller) tokens.verify(
                HsTokens.signedJson("{\"sub\":\"rt-\\ud83d\\ude80\"," + HsTokens.expInAnHour() + "}"))).userId());
    }

    @Test
    void claimsThatAreNotJwtClaimsAreRejected() {
        assertRejected(Reason.MALFORMED, "the token claims are not valid JSON claims",
                HsTokens.signedJson("{\"sub\":\"alice\",\"exp\":\"tomorrow\"}"));
        assertRejected(Reason.MALFORMED, "the token claims are not valid JSON claims", HsTokens.signedJson("[1,2]"));
    }

    @Test
    void theKidOfAnHs256TokenIsIgnoredAndItsTypeMustBeAnAccessTokenType() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("alice")
                .expirationTime(Date.from(HsTokens.NOW.plusSeconds(60))).build();
        VerifiedCaller alice = new VerifiedCaller("alice", Instant.parse("2025-10-30T12:35:56Z"));

        assertEquals(alice, tokens.verify(HsTokens.signed(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k7")
                .type(JOSEObjectType.JWT).build(), HsTokens.SECRET, claims)));
        assertEquals(alice, tokens.verify(HsTokens.signed(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .type(new JOSEObjectType("at+jwt")).build(), HsTokens.SECRET, claims)));
        assertRejected(Reason.MALFORMED, "the token type (typ header) must be JWT or at+jwt, or absent",
                HsTokens.signed(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("logout+jwt"))
                        .build(), HsTokens.SECRET, claims));
    }
}
