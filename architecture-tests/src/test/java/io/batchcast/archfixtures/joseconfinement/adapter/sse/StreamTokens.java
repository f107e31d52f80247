package io.batchcast.archfixtures.joseconfinement.adapter.sse;

import com.nimbusds.jose.crypto.MACVerifier;

/** Planted: the SSE adapter verifying tokens itself, beside the port. */
public class StreamTokens {

    MACVerifier verifier;
}
