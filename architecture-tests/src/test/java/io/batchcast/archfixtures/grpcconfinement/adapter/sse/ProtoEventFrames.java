package io.batchcast.archfixtures.grpcconfinement.adapter.sse;

import io.batchcast.archfixtures.grpcconfinement.proto.v1.OrderBatchEventMessage;

/** Planted: the SSE adapter reusing the generated gRPC message for its frames. */
public class ProtoEventFrames {

    OrderBatchEventMessage event;
}
