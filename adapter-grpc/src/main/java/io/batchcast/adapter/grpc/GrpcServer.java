package io.batchcast.adapter.grpc;

import io.batchcast.application.port.out.AccessTokenVerification;
import io.batchcast.proto.v1.OrderBatchServiceGrpc;
import io.batchcast.proto.v1.StrategyServiceGrpc;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC endpoint: OrderBatchService and StrategyService behind the JWT interceptor, plus grpc.health.v1 and
 * server reflection v1, which are deliberately unauthenticated (probes and grpcurl carry no token; reflection only
 * describes the published contract, including the google.rpc error details: {@link ErrorDetailSchemas}). Calls run
 * on virtual threads, because SubmitOrderBatch blocks on the exchange
 * and the database. A request that is not valid protobuf is INVALID_ARGUMENT ({@link StrictRequestParsing}), checked
 * after the token.
 */
public final class GrpcServer {

    private static final List<String> SERVICE_NAMES =
            List.of("", OrderBatchServiceGrpc.SERVICE_NAME, StrategyServiceGrpc.SERVICE_NAME);

    private final Server server;
    private final HealthStatusManager health = new HealthStatusManager();
    private final ExecutorService callExecutor;

    /**
     * A Netty server on {@code settings.port()}, calls authenticated by {@code tokens}; nothing is bound until
     * {@link #start()}.
     */
    public GrpcServer(GrpcSettings settings, GrpcUseCases useCases, AccessTokenVerification tokens) {
        this(netty(settings), settings, useCases, tokens, Executors.newVirtualThreadPerTaskExecutor());
    }

    /**
     * As above, with {@code callObserver} around every call of every service, outside authentication, so that it
     * sees each call's method and final status, UNAUTHENTICATED ones included (the process's call metrics).
     */
    public GrpcServer(GrpcSettings settings, GrpcUseCases useCases, AccessTokenVerification tokens,
            ServerInterceptor callObserver) {
        this(netty(settings).intercept(callObserver), settings, useCases, tokens,
                Executors.newVirtualThreadPerTaskExecutor());
    }

    /** For tests: any transport (in-process); {@code callExecutor} null keeps the builder's executor. */
    GrpcServer(ServerBuilder<?> builder, GrpcSettings settings, GrpcUseCases useCases, AccessTokenVerification tokens,
            ExecutorService callExecutor) {
        AuthInterceptor auth = new AuthInterceptor(tokens);
        this.callExecutor = callExecutor;
        if (callExecutor != null) {
            builder.executor(callExecutor);
        }
        this.server = builder
                .maxInboundMessageSize(settings.maxInboundMessageBytes())
                .addService(strict(ServerInterceptors.intercept(new OrderBatchGrpcService(useCases), auth)))
                .addService(strict(ServerInterceptors.intercept(
                        new StrategyGrpcService(useCases.createStrategy(), useCases.listStrategies()), auth)))
                .addService(health.getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance())
                .build();
    }

    private static ServerServiceDefinition strict(ServerServiceDefinition service) {
        return StrictRequestParsing.wrap(service, ErrorDetailSchemas.of(service));
    }

    private static ServerBuilder<?> netty(GrpcSettings settings) {
        return NettyServerBuilder.forPort(settings.port())
                .keepAliveTime(settings.keepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTimeout(settings.keepAliveTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .permitKeepAliveTime(settings.permitKeepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
                // stream-only clients sit idle between events; their pings keep NATs and proxies from dropping them
                .permitKeepAliveWithoutCalls(true)
                .maxConcurrentCallsPerConnection(settings.maxConcurrentCallsPerConnection());
    }

    /** Binds the port and reports SERVING. */
    public GrpcServer start() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the gRPC server: " + e.getMessage(), e);
        }
        setServing(true);
        return this;
    }

    /** The bound port (the chosen one when configured as 0); -1 for transports without ports. */
    public int port() {
        return server.getPort();
    }

    /** What grpc.health.v1 reports for the server ("") and both services, e.g. NOT_SERVING while the store is down. */
    public void setServing(boolean serving) {
        ServingStatus status = serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
        for (String service : SERVICE_NAMES) {
            health.setStatus(service, status);
        }
    }

    /**
     * Stops accepting calls, lets running calls finish for up to {@code grace}, then cancels whatever is left. Event
     * streams are ended by closing the delivery core first (clients get UNAVAILABLE and resume by cursor).
     */
    public void shutdown(Duration grace) {
        health.enterTerminalState();
        server.shutdown();
        try {
            if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                server.shutdownNow();
                server.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            if (callExecutor != null) {
                callExecutor.shutdown();
            }
        }
    }

    boolean isTerminated() {
        return server.isTerminated();
    }
}
