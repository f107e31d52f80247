package io.batchcast.bootstrap;

import io.batchcast.adapter.grpc.GrpcServer;
import io.batchcast.adapter.grpc.GrpcUseCases;
import io.batchcast.adapter.persistence.DoorbellListener;
import io.batchcast.adapter.persistence.Persistence;
import io.batchcast.adapter.sse.ResponseHeaders;
import io.batchcast.adapter.sse.SseRouting;
import io.batchcast.adapter.sse.SseSettings;
import io.batchcast.application.port.in.SubmitOrderBatchUseCase;
import io.batchcast.application.service.BatchAdmission;
import io.batchcast.application.service.DeliveryCounters;
import io.batchcast.application.service.EventDelivery;
import io.batchcast.application.service.EventFeed;
import io.batchcast.application.service.ManagingStrategies;
import io.batchcast.application.service.SubmittingOrderBatches;
import io.helidon.config.Config;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.WebServer;
import java.time.Clock;
import java.time.Duration;

/**
 * The product, wired with plain constructors: persistence, the exchange, the application services, the gRPC
 * server and the web server (SSE, dashboard, health, metrics). {@link #stop()} shuts it down in the order that loses
 * nothing: stop taking work, finish in-flight batches, end streams cleanly, then close the database.
 */
final class RunningServer {

    private static final System.Logger LOG = System.getLogger(RunningServer.class.getName());

    private final ServerSettings settings;
    private final Persistence persistence;
    private final Reconciliation reconciliation;
    private final DoorbellListener doorbell;
    private final GrpcServer grpc;
    private final EventDelivery delivery;
    private final WebServer web;
    private final DemoTraffic demo;
    private final ExchangeConnection exchange;

    private RunningServer(ServerSettings settings, Persistence persistence, Reconciliation reconciliation,
            DoorbellListener doorbell, GrpcServer grpc, EventDelivery delivery, WebServer web, DemoTraffic demo,
            ExchangeConnection exchange) {
        this.settings = settings;
        this.exchange = exchange;
        this.persistence = persistence;
        this.reconciliation = reconciliation;
        this.doorbell = doorbell;
        this.grpc = grpc;
        this.delivery = delivery;
        this.web = web;
        this.demo = demo;
    }

    static RunningServer start(Config config) {
        ServerSettings settings = ServerSettings.from(config);
        Clock clock = Clock.systemUTC();
        JwtSecret secret = JwtSecret.fromConfig(settings.configuredSecret());
        MeterRegistry meters = Metrics.globalRegistry();

        Persistence persistence = Persistence.open(settings.persistence(), clock);
        // after the migrations (see ExchangeConnection): paper exchange, or the FIX adapter for a fix:// venue
        ExchangeConnection exchange = ExchangeConnection.open(config, settings.exchange(), settings.persistence());
        LOG.log(System.Logger.Level.INFO, "Executing on the " + exchange.description());
        EventFeed feed = new EventFeed(persistence.strategyStore(), persistence.eventLog(), settings.maxReplay());
        SubmittingOrderBatches submitting = new SubmittingOrderBatches(persistence.strategyStore(),
                persistence.orderStore(), persistence.batchIntents(), persistence.batchRecorder(),
                exchange.port(), feed, clock, settings.limits(), settings.reconcileAfter());
        SubmitOrderBatchUseCase submit = new ObservedSubmissions(new BatchAdmission(submitting,
                settings.maxBatchesInFlight(), settings.admissionWait()), meters);
        Reconciliation reconciliation = Reconciliation.start(submitting.reconciliation(), settings.reconcileInterval());
        ManagingStrategies strategies = new ManagingStrategies(persistence.strategyStore(), clock);
        DeliveryCounters deliveryCounters = new DeliveryCounters();
        EventDelivery delivery = new EventDelivery(feed, settings.delivery(), deliveryCounters, clock);

        DoorbellListener doorbell = persistence.doorbellListener(feed);
        doorbell.start();
        persistence.pruneSchedule().start();

        GrpcServer grpc = new GrpcServer(settings.grpc(), new GrpcUseCases(submit, delivery, strategies, strategies),
                secret.bytes()).start();
        SseRouting[] sse = new SseRouting[1];
        WebServer web = WebServer.builder()
                .config(config.get("server")) // Helidon's own listener tuning (e.g. server.use-nio), if an operator sets any
                .host(settings.httpHost())
                .port(settings.httpPort())
                .maxTcpConnections(ConnectionCap.of(settings.httpMaxConnections(), ConnectionCap.openFilesLimit()))
                .shutdownHook(false)
                // Helidon's own answers to requests it cannot parse get nosniff like every routed response
                .directHandlers(ResponseHeaders.directHandlers())
                .addFeature(Observability.feature(persistence))
                .routing(routing -> sse[0] = SseRouting.routing(routing, delivery,
                        SseSettings.from(settings.sse(), secret.text()), clock))
                .build()
                .start();
        Observability.exportStreamCounters(sse[0].counters(), deliveryCounters, meters);

        DemoTraffic demo = null;
        Banner banner = new Banner(settings, web.port(), grpc.port(), secret, new TokenIssuer(secret, clock));
        banner.print(System.out);
        if (settings.demo()) {
            demo = new DemoTraffic(grpc.port(), banner.demoToken());
            banner.printDemo(System.out, demo.start());
        }
        return new RunningServer(settings, persistence, reconciliation, doorbell, grpc, delivery, web, demo, exchange);
    }

    /** Graceful shutdown (SIGTERM): in-flight batches finish within the grace period; streams end cleanly. */
    void stop() {
        LOG.log(System.Logger.Level.INFO, "Batchcast stopping: refusing new work, finishing in-flight batches");
        Duration grace = settings.shutdownGrace();
        if (demo != null) {
            demo.close();
        }
        grpc.setServing(false);
        delivery.close(); // every event stream, SSE and gRPC: clients resume by cursor elsewhere
        grpc.shutdown(grace);
        web.stop();
        reconciliation.close();
        exchange.close();
        doorbell.close();
        persistence.close();
        // stdout, like the banner: JUL may already be reset by its own shutdown hook at this point
        System.out.println("Batchcast stopped");
    }
}
