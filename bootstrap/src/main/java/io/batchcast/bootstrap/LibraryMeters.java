package io.batchcast.bootstrap;

import io.grpc.ServerInterceptor;
import com.sun.management.OperatingSystemMXBean;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingServerInterceptor;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.java21.instrument.binder.jdk.VirtualThreadMetrics;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

/**
 * The meters that libraries keep for themselves, bound to the Micrometer registry behind Helidon's
 * {@code /observe/metrics}: the JVM (Micrometer's binders, virtual threads included), every gRPC call by method and
 * status (Micrometer's gRPC interceptor), and the HikariCP pool (Hikari's own Micrometer tracker, which the
 * persistence adapter attaches to this registry). Micrometer names
 * them by Prometheus conventions (seconds, bytes, {@code _total}); docs/operations.md lists them.
 */
final class LibraryMeters implements AutoCloseable {

    /** Buckets of {@code grpc_server_processing_duration_seconds}: a batch takes milliseconds, a stream minutes. */
    private static final Duration[] CALL_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final VirtualThreadMetrics virtualThreads = new VirtualThreadMetrics();

    private LibraryMeters(MeterRegistry registry) {
        this.registry = registry;
        // Prometheus conventions, which promtool checks: snake_case labels, no unit abbreviations, "_count" only on
        // histograms and summaries. Micrometer's own names break them in these three places.
        registry.config()
                .meterFilter(MeterFilter.renameTag("grpc.server", "methodType", "method_type"))
                .meterFilter(MeterFilter.renameTag("grpc.server", "statusCode", "status_code"))
                // in nanoseconds; process_cpu_seconds_total below is the same in the base unit
                .meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"))
                // a gauge that may not end in _count; the host's own exporter reports its processors
                .meterFilter(MeterFilter.denyNameStartsWith("system.cpu.count"));
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            FunctionCounter.builder("process.cpu", os, bean -> bean.getProcessCpuTime() / 1e9)
                    .baseUnit("seconds")
                    .description("CPU time used by the process")
                    .register(registry);
        }
    }

    /** The library meters on the Micrometer registry that {@code helidon} wraps; the JVM's follow {@link #bindJvm}. */
    static LibraryMeters bind(io.helidon.metrics.api.MeterRegistry helidon) {
        return new LibraryMeters(helidon.unwrap(MeterRegistry.class));
    }

    /**
     * Binds the JVM meters. Call it once every meter of our own exists: some JVM binders register new meters later
     * from the JVM's own threads (a GC notification registers the pause timer of a new cause), taking Micrometer's
     * registry lock and then, in Helidon's listener, Helidon's; Helidon's {@code getOrCreate} takes them the other
     * way round, so the two at once could deadlock (a startup that hung was seen in CI).
     */
    void bindJvm() {
        for (MeterBinder binder : List.of(new JvmMemoryMetrics(), gc, new JvmThreadMetrics(), virtualThreads,
                new ClassLoaderMetrics(), new JvmInfoMetrics(), new ProcessorMetrics(), new UptimeMetrics(),
                new FileDescriptorMetrics())) {
            binder.bindTo(registry);
        }
    }

    /** Counts and times every gRPC call: tags {@code service}, {@code method}, {@code methodType}, {@code statusCode}. */
    ServerInterceptor grpcCalls() {
        return new MetricCollectingServerInterceptor(registry, counter -> counter,
                timer -> timer.serviceLevelObjectives(CALL_BUCKETS));
    }

    /** Where the connection pool reports {@code hikaricp_connections_*} (see {@code Persistence.open}). */
    MeterRegistry connectionPool() {
        return registry;
    }

    /** Stops the GC listener and the JFR stream that watches virtual threads. */
    @Override
    public void close() {
        gc.close();
        virtualThreads.close();
    }
}
