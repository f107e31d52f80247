package io.batchcast.adapter.auth.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test identity provider: RSA and EC P-256 signing keys with key ids, the public JWK set it publishes, and access
 * tokens signed the way Keycloak, Auth0 or Entra ID sign theirs (RS256 / ES256, {@code kid} and {@code typ} in the
 * header). Keys are generated per instance; {@link #addKey} is a key rotation.
 */
public final class IdentityProvider {

    public static final String ISSUER = "https://idp.example.com/realms/trading";
    public static final String AUDIENCE = "batchcast";

    /** The first two keys, generated once per JVM: an RSA key takes a good part of a second to make. */
    private static final Map<String, JWK> FIRST_KEYS = Map.of(
            "rsa-1", generate(JWSAlgorithm.RS256, "rsa-1"), "ec-1", generate(JWSAlgorithm.ES256, "ec-1"));

    private final Map<String, JWK> keys = new LinkedHashMap<>();
    private final List<String> published = new ArrayList<>();

    /** A provider with one RSA key ({@code rsa-1}) and one EC key ({@code ec-1}), both published. */
    public IdentityProvider() {
        for (String kid : List.of("rsa-1", "ec-1")) {
            keys.put(kid, FIRST_KEYS.get(kid));
            published.add(kid);
        }
    }

    /** Generates a key of the algorithm's type and publishes it in {@link #jwks()}. */
    public synchronized IdentityProvider addKey(JWSAlgorithm algorithm, String kid) {
        keys.put(kid, generate(algorithm, kid));
        published.add(kid);
        return this;
    }

    /** Generates a key the provider signs with but does not publish (a forger's key, or one not yet rolled out). */
    public synchronized IdentityProvider addUnpublishedKey(JWSAlgorithm algorithm, String kid) {
        keys.put(kid, generate(algorithm, kid));
        return this;
    }

    /** The public JWK set, as the provider serves it at its jwks_uri. */
    public synchronized String jwks() {
        List<JWK> publicKeys = published.stream().map(kid -> keys.get(kid).toPublicJWK()).toList();
        return new JWKSet(publicKeys).toString();
    }

    /** The key's public half, for tests that misuse it. */
    public synchronized JWK publicKey(String kid) {
        return keys.get(kid).toPublicJWK();
    }

    /** An access token for {@code subject} with this provider's issuer and audience, signed by {@code kid}. */
    public String token(String kid, String subject, Instant expiresAt) {
        return sign(kid, claims(subject, expiresAt).build());
    }

    /** The usual claims: sub, iss, aud, iat and exp. */
    public static JWTClaimsSet.Builder claims(String subject, Instant expiresAt) {
        return new JWTClaimsSet.Builder().subject(subject).issuer(ISSUER).audience(AUDIENCE)
                .issueTime(Date.from(expiresAt.minusSeconds(3600))).expirationTime(Date.from(expiresAt));
    }

    /** {@code claims} signed by {@code kid} with the algorithm of that key, typed {@code at+jwt} (RFC 9068). */
    public synchronized String sign(String kid, JWTClaimsSet claims) {
        JWK key = keys.get(kid);
        return sign(key, key instanceof RSAKey ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256, kid, claims);
    }

    /** {@code claims} signed by {@code kid}'s key, but with any {@code alg} and {@code kid} in the header. */
    public synchronized String sign(String kid, JWSAlgorithm headerAlgorithm, String headerKid, JWTClaimsSet claims) {
        return sign(keys.get(kid), headerAlgorithm, headerKid, claims);
    }

    private static String sign(JWK key, JWSAlgorithm algorithm, String kid, JWTClaimsSet claims) {
        try {
            JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid)
                    .type(new JOSEObjectType("at+jwt")).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWK generate(JWSAlgorithm algorithm, String kid) {
        try {
            if (JWSAlgorithm.RS256.equals(algorithm)) {
                return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
            }
            return new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
