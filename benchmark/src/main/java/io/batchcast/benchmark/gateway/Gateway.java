package io.batchcast.benchmark.gateway;

import com.google.common.util.concurrent.ListenableFuture;
import io.batchcast.proto.v1.CreateStrategyRequest;
import io.batchcast.proto.v1.OrderBatchServiceGrpc;
import io.batchcast.proto.v1.StrategyServiceGrpc;
import io.batchcast.proto.v1.SubmitOrderBatchRequest;
import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.TimeUnit;

/** The server's gRPC API as one strategy engine (one user) sees it, over a channel the caller owns. */
public final class Gateway {

    private static final long DEADLINE_SECONDS = 30;

    private final String userId;
    private final String token;
    private final OrderBatchServiceGrpc.OrderBatchServiceBlockingStub batches;
    private final OrderBatchServiceGrpc.OrderBatchServiceFutureStub asyncBatches;
    private final StrategyServiceGrpc.StrategyServiceBlockingStub strategies;

    public Gateway(ManagedChannel channel, String userId, String token) {
        this.userId = userId;
        this.token = token;
        Metadata auth = new Metadata();
        auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        var attach = MetadataUtils.newAttachHeadersInterceptor(auth);
        batches = OrderBatchServiceGrpc.newBlockingStub(channel).withInterceptors(attach);
        asyncBatches = OrderBatchServiceGrpc.newFutureStub(channel).withInterceptors(attach);
        strategies = StrategyServiceGrpc.newBlockingStub(channel).withInterceptors(attach);
    }

    public static ManagedChannel channel(int grpcPort) {
        return NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
    }

    public String userId() {
        return userId;
    }

    public String token() {
        return token;
    }

    public long createStrategy(String name) {
        return strategies.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                .createStrategy(CreateStrategyRequest.newBuilder().setName(name).build()).getId();
    }

    public SubmitOrderBatchResponse submit(SubmitOrderBatchRequest request) {
        return batches.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).submitOrderBatch(request);
    }

    public ListenableFuture<SubmitOrderBatchResponse> submitAsync(SubmitOrderBatchRequest request) {
        return asyncBatches.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).submitOrderBatch(request);
    }

    /** The SSE path of a strategy's event stream (docs/sse.md). */
    public static String eventsPath(long strategyId) {
        return "/api/v1/strategies/" + strategyId + "/events";
    }
}
