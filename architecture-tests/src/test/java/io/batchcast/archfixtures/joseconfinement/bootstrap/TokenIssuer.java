package io.batchcast.archfixtures.joseconfinement.bootstrap;

import com.nimbusds.jose.crypto.MACSigner;

/** Valid: the composition root signs development tokens. */
public final class TokenIssuer {

    MACSigner signer;
}
