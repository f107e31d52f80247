package io.batchcast.bootstrap;

import io.batchcast.adapter.exchange.PaperExchangeSettings;
import io.batchcast.adapter.grpc.GrpcSettings;
import io.batchcast.adapter.persistence.PersistenceSettings;
import io.batchcast.application.service.BatchAdmission;
import io.batchcast.application.service.BatchLimits;
import io.batchcast.application.service.DeliveryLimits;
import io.batchcast.application.service.ReconcilingBatches;
import io.batchcast.domain.SummaryInterval;
import io.helidon.config.Config;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code batchcast} configuration tree, read once at startup and mapped onto each adapter's own settings. Every
 * adapter checks its values, so a bad value stops the start with the key and the limit.
 */
record ServerSettings(
        String httpHost,
        int httpPort,
        int httpMaxConnections,
        GrpcSettings grpc,
        DeliveryLimits delivery,
        PersistenceSettings persistence,
        PaperExchangeSettings exchange,
        BatchLimits limits,
        int maxBatchesInFlight,
        Duration admissionWait,
        int maxReplay,
        Duration shutdownGrace,
        boolean demo,
        AuthConfig auth,
        Config sse,
        Duration reconcileAfter,
        Duration reconcileInterval,
        SummaryInterval summaryInterval) {

    static ServerSettings from(Config root) {
        Config c = root.get("batchcast");
        SummaryInterval summaryInterval = summaryInterval(c);
        return new ServerSettings(
                c.get("http.host").asString().orElse("0.0.0.0"),
                c.get("http.port").asInt().orElse(8080),
                c.get("http.max-connections").asInt().orElse(0),
                grpc(c.get("grpc")),
                delivery(c.get("delivery")),
                persistence(c, summaryInterval),
                exchange(c.get("exchange")),
                new BatchLimits(c.get("limits.max-batch-operations").asInt().orElse(BatchLimits.DEFAULT_MAX_BATCH_OPERATIONS),
                        c.get("limits.max-parallelism").asInt().orElse(BatchLimits.DEFAULT_MAX_PARALLELISM)),
                c.get("limits.max-batches-in-flight").asInt().orElse(BatchAdmission.DEFAULT_MAX_IN_FLIGHT),
                c.get("limits.admission-wait").as(Duration.class).orElse(BatchAdmission.DEFAULT_WAIT),
                c.get("limits.max-replay").asInt().orElse(10_000),
                c.get("shutdown.grace").as(Duration.class).orElse(Duration.ofSeconds(10)),
                c.get("demo").asBoolean().orElse(false),
                AuthConfig.from(c),
                c.get("sse"),
                positive(c, "execution.reconcile-after", ReconcilingBatches.DEFAULT_RECONCILE_AFTER),
                positive(c, "execution.reconcile-interval", Duration.ofSeconds(1)),
                summaryInterval);
    }

    /** {@code BATCHCAST_JWT_SECRET}, empty when unset. */
    String configuredSecret() {
        return auth.configuredSecret();
    }

    private static GrpcSettings grpc(Config g) {
        return GrpcSettings.defaults().withPort(g.get("port").asInt().orElse(GrpcSettings.DEFAULT_PORT))
                .withMaxInboundMessageBytes(g.get("max-inbound-message-bytes").asInt()
                        .orElse(GrpcSettings.DEFAULT_MAX_INBOUND_MESSAGE_BYTES));
    }

    /** The limits of every event stream, SSE and gRPC alike. */
    private static DeliveryLimits delivery(Config d) {
        return new DeliveryLimits(
                d.get("max-streams-per-user").asInt().orElse(DeliveryLimits.DEFAULT_MAX_STREAMS_PER_USER),
                d.get("queue-capacity").asInt().orElse(DeliveryLimits.DEFAULT_QUEUE_CAPACITY),
                d.get("shutdown-grace").as(Duration.class).orElse(DeliveryLimits.DEFAULT_SHUTDOWN_GRACE));
    }

    /** Checked here, so that a bad value names the key an operator sets. */
    private static SummaryInterval summaryInterval(Config c) {
        Duration length = c.get("statistics.summary-interval").as(Duration.class)
                .orElse(SummaryInterval.HOURLY.length());
        try {
            return new SummaryInterval(length);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("batchcast.statistics." + e.getMessage(), e);
        }
    }

    private static PersistenceSettings persistence(Config c, SummaryInterval summaryInterval) {
        return PersistenceSettings.of(
                        c.get("db.url").asString().orElse(PersistenceSettings.DEFAULT_URL),
                        c.get("db.user").asString().orElse(""),
                        c.get("db.password").asString().orElse(""))
                .withPoolSize(c.get("db.pool-size").asInt().orElse(PersistenceSettings.DEFAULT_POOL_SIZE))
                .withRetention(c.get("retention.max-events-per-stream").asInt()
                                .orElse(PersistenceSettings.DEFAULT_RETENTION_COUNT),
                        c.get("retention.max-age").as(Duration.class).orElse(PersistenceSettings.DEFAULT_RETENTION_AGE))
                .withReceiptMaxAge(receiptMaxAge(c))
                .withPruneInterval(c.get("retention.prune-interval").as(Duration.class)
                        .orElse(PersistenceSettings.DEFAULT_PRUNE_INTERVAL))
                .withStatistics(summaryInterval, positive(c, "retention.statistics-max-age",
                        PersistenceSettings.DEFAULT_STATISTICS_MAX_AGE));
    }

    private static Duration positive(Config c, String key, Duration fallback) {
        Duration value = c.get(key).as(Duration.class).orElse(fallback);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("batchcast." + key + " must be a positive duration, was " + value);
        }
        return value;
    }

    /** Checked here as well, so that a bad value names the key an operator sets, not the record's field. */
    private static Duration receiptMaxAge(Config c) {
        Duration maxAge = c.get("retention.receipt-max-age").as(Duration.class)
                .orElse(PersistenceSettings.DEFAULT_RECEIPT_MAX_AGE);
        if (maxAge.isZero() || maxAge.isNegative()) {
            throw new IllegalArgumentException("batchcast.retention.receipt-max-age"
                    + " (BATCHCAST_RETENTION_RECEIPT_dash_MAX_dash_AGE) must be positive, was " + maxAge);
        }
        return maxAge;
    }

    private static PaperExchangeSettings exchange(Config e) {
        PaperExchangeSettings settings = PaperExchangeSettings.defaults()
                .withLatency(e.get("latency").as(Duration.class).orElse(Duration.ZERO))
                .withAllowedSymbols(list(e.get("allowed-symbols")));
        String maxNotional = e.get("max-notional").asString().orElse("");
        return maxNotional.isBlank() ? settings : settings.withMaxNotional(new BigDecimal(maxNotional));
    }

    /** A YAML list, or a comma-separated value as an environment variable gives it. */
    static List<String> list(Config node) {
        if (node.hasValue()) {
            return Arrays.stream(node.asString().get().split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
        }
        return node.isList() ? node.asList(String.class).orElse(List.of()) : List.of();
    }
}
