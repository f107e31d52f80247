package io.batchcast.adapter.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JWSAlgorithm;
import io.batchcast.application.port.out.TokenRejected;
import io.batchcast.application.port.out.TokenRejected.Reason;
import io.batchcast.application.port.out.VerifiedCaller;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The cache of verified tokens: repeats skip the processor, never the time checks. */
class JwtAccessTokensCacheTest {

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(HsTokens.NOW);

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    private final MovableClock clock = new MovableClock();
    private final JwtAccessTokens tokens =
            JwtAccessTokens.create(AccessTokenSettings.hmac(new HmacSecret(HsTokens.SECRET)), clock);

    @Test
    void theSameTokenHasItsSignatureCheckedOnceAndAnotherTokenAgain() {
        String alice = HsTokens.valid("alice");
        VerifiedCaller expected = new VerifiedCaller("alice", Instant.parse("2025-10-30T13:34:56Z"));

        assertEquals(expected, tokens.verify(alice));
        assertEquals(expected, tokens.verify(alice));
        assertEquals(expected, tokens.verify(alice));
        assertEquals(1, tokens.signatureChecks());
        assertEquals("bob", ((VerifiedCaller) tokens.verify(HsTokens.valid("bob"))).userId());
        assertEquals(2, tokens.signatureChecks());
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() {
        String alice = HsTokens.signed(JWSAlgorithm.HS256, HsTokens.SECRET, "alice", HsTokens.NOW.plusSeconds(60));
        assertEquals("alice", ((VerifiedCaller) tokens.verify(alice)).userId());

        clock.now.set(HsTokens.NOW.plusSeconds(60));

        assertEquals(new TokenRejected(Reason.EXPIRED, "the token has expired"), tokens.verify(alice));
        assertEquals(new TokenRejected(Reason.EXPIRED, "the token has expired"), tokens.verify(alice));
        assertEquals(2, tokens.signatureChecks());
    }

    @Test
    void aRefusedTokenIsCheckedAgainEveryTimeAndStaysRefused() {
        String forged = HsTokens.signed(JWSAlgorithm.HS256, HsTokens.OTHER_SECRET, "alice",
                HsTokens.NOW.plusSeconds(3600));

        for (int i = 0; i < 2; i++) {
            assertEquals(new TokenRejected(Reason.INVALID_SIGNATURE, "the token signature is invalid"),
                    tokens.verify(forged));
        }
        assertEquals(2, tokens.signatureChecks());
    }
}
