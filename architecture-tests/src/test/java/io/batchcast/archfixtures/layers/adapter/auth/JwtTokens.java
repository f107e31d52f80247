package io.batchcast.archfixtures.layers.adapter.auth;

import io.batchcast.archfixtures.layers.adapter.grpc.OrderGrpcService;
import io.batchcast.archfixtures.layers.domain.Quantity;

/** Valid: the auth adapter knows the domain. Planted: it also reaches into the gRPC adapter. */
public class JwtTokens {

    Quantity maxTokens = new Quantity(1);

    OrderGrpcService service;
}
