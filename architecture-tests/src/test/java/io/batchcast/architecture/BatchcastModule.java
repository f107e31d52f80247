package io.batchcast.architecture;

import java.util.EnumSet;
import java.util.Set;

/**
 * The module table of docs/architecture.md, as data the rules are built from: each module's package (relative to the package
 * root, so the same table describes the real code under {@code io.batchcast} and each fixture under
 * {@code io.batchcast.archfixtures.<rule>}) and the modules it may depend on.
 *
 * <p>Both switches are exhaustive on purpose: adding a module (e.g. {@code BENCHMARK("Benchmark", "benchmark")}, a
 * composition root like bootstrap) does not compile until it has declared its dependencies and its role.
 */
enum BatchcastModule {
    DOMAIN("Domain", "domain"),
    APPLICATION("Application", "application"),
    PROTO("Proto", "proto"),
    /** The access-token verifier both protocol adapters reach through the application's port. */
    AUTH_ADAPTER("AuthAdapter", "adapter.auth"),
    GRPC_ADAPTER("GrpcAdapter", "adapter.grpc"),
    SSE_ADAPTER("SseAdapter", "adapter.sse"),
    PERSISTENCE_ADAPTER("PersistenceAdapter", "adapter.persistence"),
    EXCHANGE_ADAPTER("ExchangeAdapter", "adapter.exchange"),
    /** The paper venue: a program of its own (FIX acceptor, order book) that reuses the exchange adapter's rules. */
    VENUE("Venue", "venue"),
    BOOTSTRAP("Bootstrap", "bootstrap"),
    BENCHMARK("Benchmark", "benchmark");

    private final String layerName;
    private final String relativePackage;

    BatchcastModule(String layerName, String relativePackage) {
        this.layerName = layerName;
        this.relativePackage = relativePackage;
    }

    String layerName() {
        return layerName;
    }

    /** The ArchUnit package pattern of this module under {@code root}, e.g. {@code io.batchcast.adapter.sse..}. */
    String packageIn(String root) {
        return root + "." + relativePackage + "..";
    }

    /** The "may depend on" column of docs/architecture.md, restricted to Batchcast modules (libraries have their own rules). */
    Set<BatchcastModule> mayDependOn() {
        return switch (this) {
            case DOMAIN, PROTO -> EnumSet.noneOf(BatchcastModule.class);
            case APPLICATION -> EnumSet.of(DOMAIN);
            case GRPC_ADAPTER -> EnumSet.of(APPLICATION, DOMAIN, PROTO);
            case AUTH_ADAPTER, SSE_ADAPTER, PERSISTENCE_ADAPTER, EXCHANGE_ADAPTER -> EnumSet.of(APPLICATION, DOMAIN);
            // the paper exchange's trading rules, and the FIX vocabulary and message store it shares with the adapter
            case VENUE -> EnumSet.of(EXCHANGE_ADAPTER, APPLICATION, DOMAIN);
            // A composition root wires everything except another composition root (none may depend on benchmark).
            case BOOTSTRAP -> EnumSet.complementOf(compositionRoots());
            // the load harness may use everything, bootstrap included; nothing may depend on it
            case BENCHMARK -> EnumSet.complementOf(EnumSet.of(BENCHMARK));
        };
    }

    /** Composition roots know every adapter and may wire gRPC and Helidon; nothing depends on them. */
    boolean isCompositionRoot() {
        return switch (this) {
            // the venue runs as its own process but is started by bootstrap's `venue` command: bootstrap depends on it
            case DOMAIN, APPLICATION, PROTO, AUTH_ADAPTER, GRPC_ADAPTER, SSE_ADAPTER, PERSISTENCE_ADAPTER,
                    EXCHANGE_ADAPTER, VENUE -> false;
            case BOOTSTRAP, BENCHMARK -> true;
        };
    }

    boolean isAdapter() {
        return relativePackage.startsWith("adapter.");
    }

    static EnumSet<BatchcastModule> compositionRoots() {
        EnumSet<BatchcastModule> roots = EnumSet.noneOf(BatchcastModule.class);
        for (BatchcastModule module : values()) {
            if (module.isCompositionRoot()) {
                roots.add(module);
            }
        }
        return roots;
    }
}
