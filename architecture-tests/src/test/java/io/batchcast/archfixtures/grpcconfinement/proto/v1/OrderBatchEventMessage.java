package io.batchcast.archfixtures.grpcconfinement.proto.v1;

import com.google.protobuf.Timestamp;

/** Valid: generated code uses protobuf. */
public final class OrderBatchEventMessage {

    Timestamp timestamp;
}
