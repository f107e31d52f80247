package io.batchcast.archfixtures.grpcconfinement.adapter.grpc;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.batchcast.archfixtures.grpcconfinement.proto.v1.OrderBatchEventMessage;

/** Valid: the gRPC adapter uses grpc-java, protobuf and the generated messages. */
public class OrderBatchGrpcService {

    Status status;
    BadRequest badRequest;
    OrderBatchEventMessage event;
}
