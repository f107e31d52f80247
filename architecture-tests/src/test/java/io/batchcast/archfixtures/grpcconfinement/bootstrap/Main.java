package io.batchcast.archfixtures.grpcconfinement.bootstrap;

import io.grpc.Server;

/** Valid: the composition root may start the gRPC server. */
public final class Main {

    Server server;
}
