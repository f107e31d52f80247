package io.batchcast.bootstrap;

import io.batchcast.adapter.auth.JwtAccessTokens;
import io.batchcast.adapter.grpc.GrpcServer;
import io.batchcast.adapter.grpc.GrpcUseCases;
import io.batchcast.adapter.persistence.DoorbellListener;
import io.batchcast.adapter.persistence.Persistence;
import io.batchcast.adapter.sse.ResponseHeaders;
import io.batchcast.adapter.sse.SseRouting;
import io.batchcast.adapter.sse.SseSettings;
import io.batchcast.application.port.in.SubmitOrderBatchUseCase;
import io.batchcast.application.service.BatchAdmission;
import io.batchcast.application.service.ClosingSummaryPeriods;
import io.batchcast.application.service.DeliveryCounters;
import io.batchcast.application.service.EventDelivery;
import io.batchcast.application.service.EventFeed;
import io.batchcast.application.service.ManagingStrategies;
import io.batchcast.application.service.ReadingBack;
import io.batchcast.application.service.ReadingHourlyStatistics;
import io.batchcast.application.service.SubmittingOrderBatches;
import io.helidon.config.Config;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.WebServer;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The product, wired with plain constructors: persistence, the exchange, the application services, the gRPC
 * server and the web server (SSE, dashboard, health, metrics). {@link #stop()} shuts it down in the order that loses
 * nothing: stop taking work, finish in-flight batches, end streams cleanly, then close the database.
 */
final class RunningServer {

    // SLF4J, not System.Logger: stop() runs in a shutdown hook, while JUL's own hook may already have removed the
    // handler that hands JUL records to SLF4J
    private static final Logger LOG = LoggerFactory.getLogger(RunningServer.class);

    private final ServerSettings settings;
    private final Persistence persistence;
    private final Reconciliation reconciliation;
    private final Periodic summaries;
    private final DoorbellListener doorbell;
    private final GrpcServer grpc;
    private final EventDelivery delivery;
    private final WebServer web;
    private final DemoTraffic demo;
    private final ExchangeConnection exchange;
    private final JwtAccessTokens tokens;
    private final LibraryMeters libraryMeters;
    private final LogFormat format;

    private RunningServer(ServerSettings settings, Persistence persistence, Reconciliation reconciliation,
            Periodic summaries, DoorbellListener doorbell, GrpcServer grpc, EventDelivery delivery,
            WebServer web, DemoTraffic demo, ExchangeConnection exchange, JwtAccessTokens tokens,
            LibraryMeters libraryMeters, LogFormat format) {
        this.format = format;
        this.settings = settings;
        this.tokens = tokens;
        this.libraryMeters = libraryMeters;
        this.exchange = exchange;
        this.persistence = persistence;
        this.reconciliation = reconciliation;
        this.summaries = summaries;
        this.doorbell = doorbell;
        this.grpc = grpc;
        this.delivery = delivery;
        this.web = web;
        this.demo = demo;
    }

    static RunningServer start(Config config, LogFormat format) {
        ServerSettings settings = ServerSettings.from(config);
        Clock clock = Clock.systemUTC();
        // a random secret only when nothing else could sign a token: no JWK set, or the demo, which signs its own
        JwtSecret secret = JwtSecret.fromConfig(settings.configuredSecret(),
                settings.auth().jwksUrl().isEmpty() || settings.demo());
        JwtAccessTokens tokens = JwtAccessTokens.create(settings.auth().tokens(secret), clock);
        MeterRegistry meters = Metrics.globalRegistry();
        LibraryMeters libraryMeters = LibraryMeters.bind(meters);

        Persistence persistence = Persistence.open(settings.persistence(), clock, libraryMeters.connectionPool(),
                Observability.storeCommits(meters));
        // after the migrations (see ExchangeConnection): paper exchange, or the FIX adapter for a fix:// venue
        ExchangeConnection exchange = ExchangeConnection.open(config, settings.exchange(), settings.persistence());
        LOG.info("Executing on the {}", exchange.description());
        EventFeed feed = new EventFeed(persistence.strategyStore(), persistence.eventLog(), settings.maxReplay());
        SubmittingOrderBatches submitting = new SubmittingOrderBatches(persistence.strategyStore(),
                persistence.orderStore(), persistence.batchIntents(), persistence.batchRecorder(),
                exchange.port(), feed, clock, settings.limits(), settings.reconcileAfter());
        SubmitOrderBatchUseCase submit = new ObservedSubmissions(new BatchAdmission(submitting,
                settings.maxBatchesInFlight(), settings.admissionWait()), meters);
        Reconciliation reconciliation = Reconciliation.start(submitting.reconciliation(), settings.reconcileInterval());
        ManagingStrategies strategies = new ManagingStrategies(persistence.strategyStore(), clock);
        DeliveryCounters deliveryCounters = new DeliveryCounters(Observability.deliveryLag(meters)::record);
        EventDelivery delivery = new EventDelivery(feed, settings.delivery(), deliveryCounters, clock);
        ReadingBack reading = new ReadingBack(persistence.strategyStore(), persistence.storedBatches(),
                persistence.orderHistory());
        ReadingHourlyStatistics statistics = new ReadingHourlyStatistics(persistence.strategyStore(),
                persistence.hourlyStatistics());
        // closes ended statistics periods at startup and then every quarter period (at most 5 s), on every instance;
        // the store lets one instance append each summary
        Periodic summaries = Periodic.start("batchcast-summaries", "statistics period summaries appended:",
                ClosingSummaryPeriods.lag(settings.summaryInterval()), new ClosingSummaryPeriods(
                        persistence.summaryPeriods(), feed, settings.summaryInterval(), clock)::closeDue,
                System.Logger.Level.DEBUG);

        DoorbellListener doorbell = persistence.doorbellListener(feed);
        doorbell.start();
        persistence.pruneSchedule().start();

        GrpcServer grpc = new GrpcServer(settings.grpc(), new GrpcUseCases(submit, delivery, strategies, strategies,
                reading, reading, statistics), tokens, libraryMeters.grpcCalls());
        try {
            grpc.start();
        } catch (UncheckedIOException e) {
            throw StartupException.cannotListen("gRPC", "0.0.0.0", settings.grpc().port(), "BATCHCAST_GRPC_PORT", e);
        }
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
                .routing(routing -> sse[0] = SseRouting.routing(routing, delivery, strategies, statistics,
                        SseSettings.from(settings.sse()), tokens, clock))
                .build()
                .start();
        if (!web.isRunning()) { // Helidon has logged why; the banner is printed only once both servers listen
            grpc.shutdown(Duration.ZERO);
            throw StartupException.cannotListen("HTTP", settings.httpHost(), settings.httpPort(), "BATCHCAST_HTTP_PORT",
                    null);
        }
        Observability.exportStreamCounters(sse[0].counters(), deliveryCounters, meters);
        libraryMeters.bindJvm(); // last: no getOrCreate of ours may run after it (see bindJvm)

        DemoTraffic demo = null;
        Banner banner = new Banner(settings, web.port(), grpc.port(), secret, new TokenIssuer(secret, clock),
                format);
        banner.print(System.out);
        if (settings.demo()) {
            demo = new DemoTraffic(grpc.port(), banner.demoToken());
            banner.printDemo(System.out, demo.start());
        }
        return new RunningServer(settings, persistence, reconciliation, summaries, doorbell, grpc, delivery, web,
                demo, exchange,
                tokens, libraryMeters, format);
    }

    /** Graceful shutdown (SIGTERM): in-flight batches finish within the grace period; streams end cleanly. */
    void stop() {
        LOG.info("Batchcast stopping: refusing new work, finishing in-flight batches");
        Duration grace = settings.shutdownGrace();
        if (demo != null) {
            demo.close();
        }
        grpc.setServing(false);
        delivery.close(); // every event stream, SSE and gRPC: clients resume by cursor elsewhere
        grpc.shutdown(grace);
        web.stop();
        tokens.close();
        reconciliation.close();
        summaries.close();
        exchange.close();
        doorbell.close();
        persistence.close();
        libraryMeters.close();
        // the last line: plain on stdout like the banner, or a log record like everything with the json format
        if (format == LogFormat.JSON) {
            LOG.info("Batchcast stopped");
        } else {
            System.out.println("Batchcast stopped");
        }
    }
}
