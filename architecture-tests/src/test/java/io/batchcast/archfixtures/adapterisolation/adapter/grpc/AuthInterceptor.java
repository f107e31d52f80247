package io.batchcast.archfixtures.adapterisolation.adapter.grpc;

import io.batchcast.archfixtures.adapterisolation.adapter.auth.JwtTokens;

/** Planted: the gRPC adapter calling the auth adapter's class instead of the application's port. */
public class AuthInterceptor {

    String user(JwtTokens tokens) {
        return tokens.verify("t");
    }
}
