package io.batchcast.adapter.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import java.security.Key;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key selector of the processor: the token's {@code alg} picks the key source, so an algorithm without a
 * configured source has no keys at all (nimbus then refuses the token), and an asymmetric public key can never be
 * used as an HMAC secret. HS256 uses the one shared secret whatever the {@code kid}; RS256 and ES256 use the JWK set's
 * keys of the matching type (RSA, EC P-256) and, when the token names one, {@code kid}.
 */
final class KeysByAlgorithm implements JWSKeySelector<SecurityContext> {

    static final Set<JWSAlgorithm> JWKS_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private final Map<JWSAlgorithm, JWSKeySelector<SecurityContext>> selectors = new LinkedHashMap<>();

    KeysByAlgorithm(HmacSecret secret, JWKSource<SecurityContext> jwks) {
        if (secret != null) {
            selectors.put(JWSAlgorithm.HS256, new SingleKeyJWSKeySelector<>(JWSAlgorithm.HS256,
                    new SecretKeySpec(secret.bytes(), "HmacSHA256")));
        }
        if (jwks != null) {
            var fromJwks = new JWSVerificationKeySelector<>(JWKS_ALGORITHMS, jwks);
            selectors.put(JWSAlgorithm.RS256, fromJwks);
            selectors.put(JWSAlgorithm.ES256, fromJwks);
        }
    }

    @Override
    public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
        JWSKeySelector<SecurityContext> selector = selectors.get(header.getAlgorithm());
        return selector == null ? List.of() : selector.selectJWSKeys(header, context);
    }

    boolean accepts(JWSAlgorithm algorithm) {
        return selectors.containsKey(algorithm);
    }

    /** "HS256", or "one of HS256, RS256, ES256". */
    String accepted() {
        String names = selectors.keySet().stream().map(JWSAlgorithm::getName).collect(Collectors.joining(", "));
        return selectors.size() == 1 ? names : "one of " + names;
    }
}
