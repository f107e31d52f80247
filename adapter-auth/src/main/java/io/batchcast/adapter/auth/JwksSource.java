package io.batchcast.adapter.auth;

import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.MalformedURLException;
import java.net.URI;

/**
 * The identity provider's keys, as nimbus's {@link JWKSourceBuilder} keeps them: fetched on first use, cached for
 * five minutes, fetched again at once when a token names a {@code kid} the cached set lacks (a key rotation), at most
 * twice per 30 seconds (so tokens with made-up key ids cannot hammer the provider), and while the provider is down
 * the last set it served keeps counting for up to 50 minutes. A {@code file:} URL is read the same way, so a file
 * that is replaced is picked up too.
 */
final class JwksSource {

    static final int CONNECT_TIMEOUT_MS = 2_000;
    static final int READ_TIMEOUT_MS = 2_000;
    static final int SIZE_LIMIT_BYTES = 256 * 1024;

    private JwksSource() {
    }

    /** The caller closes it (with the verifier). */
    static JWKSetBasedJWKSource<SecurityContext> open(URI url) {
        try {
            // without a failover source the builder's product is the set-based source, which can be closed
            return (JWKSetBasedJWKSource<SecurityContext>) JWKSourceBuilder.<SecurityContext>create(url.toURL(),
                            new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, SIZE_LIMIT_BYTES))
                    .refreshAheadCache(false)
                    .outageTolerant(true)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("batchcast.auth.jwks-url is not a URL: " + url, e);
        }
    }
}
