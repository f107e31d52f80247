package io.batchcast.archfixtures.joseconfinement.adapter.auth;

import com.nimbusds.jwt.SignedJWT;
import io.batchcast.archfixtures.joseconfinement.application.port.out.TokenCheck;

/** Valid: the auth adapter implements the port with nimbus. */
public class JwtTokenCheck implements TokenCheck {

    SignedJWT last;

    @Override
    public String userId(String token) {
        return token;
    }
}
