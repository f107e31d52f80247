package io.batchcast.adapter.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import io.batchcast.application.port.out.TokenRejected.Reason;

/**
 * The {@code typ} headers an access token may carry: none, {@code JWT}, or RFC 9068's {@code at+jwt}, which identity
 * providers put on access tokens. A token typed as something else (say a logout token) is refused.
 */
final class TokenTypes {

    static final JOSEObjectTypeVerifier<SecurityContext> VERIFIER = TokenTypes::verify;

    private static final DefaultJOSEObjectTypeVerifier<SecurityContext> ACCEPTED = new DefaultJOSEObjectTypeVerifier<>(
            JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"), null);

    private TokenTypes() {
    }

    private static void verify(JOSEObjectType type, SecurityContext context) throws Refusal {
        try {
            ACCEPTED.verify(type, context);
        } catch (BadJOSEException e) {
            throw new Refusal(Reason.MALFORMED, "the token type (typ header) must be JWT or at+jwt, or absent");
        }
    }
}
