package io.batchcast.adapter.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The cache of verified tokens: repeats skip the signature check, never the time checks. */
class AccessTokenVerifierTest {

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Tokens.NOW);

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
    private final AccessTokenVerifier verifier = new AccessTokenVerifier(Tokens.SECRET, clock);

    @Test
    void theSameTokenHasItsSignatureCheckedOnceAndAnotherTokenAgain() throws Exception {
        String alice = Tokens.valid("alice");

        assertEquals("alice", verifier.verify(alice));
        assertEquals("alice", verifier.verify(alice));
        assertEquals("alice", verifier.verify(alice));
        assertEquals(1, verifier.signatureChecks());
        assertEquals("bob", verifier.verify(Tokens.valid("bob")));
        assertEquals(2, verifier.signatureChecks());
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() throws Exception {
        String alice = Tokens.signed(JWSAlgorithm.HS256, Tokens.SECRET, "alice", Tokens.NOW.plusSeconds(60));
        assertEquals("alice", verifier.verify(alice));

        clock.now.set(Tokens.NOW.plusSeconds(60));

        assertEquals("the token has expired",
                assertThrows(AccessTokenVerifier.InvalidTokenException.class, () -> verifier.verify(alice))
                        .getMessage());
    }

    @Test
    void aRefusedTokenIsCheckedAgainEveryTimeAndStaysRefused() {
        String forged = Tokens.signed(JWSAlgorithm.HS256, "another-secret-another-secret-another-secret!".getBytes(),
                "alice", Tokens.NOW.plus(Duration.ofHours(1)));

        for (int i = 0; i < 2; i++) {
            assertEquals("the token signature is invalid",
                    assertThrows(AccessTokenVerifier.InvalidTokenException.class, () -> verifier.verify(forged))
                            .getMessage());
        }
        assertEquals(2, verifier.signatureChecks());
    }
}
