package io.batchcast.archfixtures.helidonconfinement.adapter.grpc;

import io.helidon.config.Config;

/** Planted: the gRPC adapter taking a Helidon Config subtree instead of plain settings. */
public class GrpcServerSettings {

    GrpcServerSettings(Config grpcConfig) {
    }
}
