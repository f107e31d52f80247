package io.batchcast.bootstrap;

import java.io.PrintStream;
import java.time.Duration;

/** What an operator (or a newcomer) needs to see at startup: where everything is, and how to get in. */
final class Banner {

    private final ServerSettings settings;
    private final int httpPort;
    private final int grpcPort;
    private final JwtSecret secret;
    private final TokenIssuer tokens;
    private String demoToken;

    Banner(ServerSettings settings, int httpPort, int grpcPort, JwtSecret secret, TokenIssuer tokens) {
        this.settings = settings;
        this.httpPort = httpPort;
        this.grpcPort = grpcPort;
        this.secret = secret;
        this.tokens = tokens;
    }

    void print(PrintStream out) {
        String http = "http://" + host() + ":" + httpPort;
        out.println();
        out.println("Batchcast is up");
        out.println("  gRPC          " + host() + ":" + grpcPort
                + "  (batchcast.v1.OrderBatchService, batchcast.v1.StrategyService)");
        out.println("  dashboard     " + http + "/");
        out.println("  SSE           " + http + "/api/v1/strategies/{strategyId}/events");
        out.println("  SSE, all      " + http + "/api/v1/events  (every strategy of the caller; ?strategy= narrows)");
        out.println("  health        " + http + "/observe/health  (readiness: " + http + "/observe/health/ready)");
        out.println("  metrics       " + http + "/observe/metrics");
        out.println("  database      " + settings.persistence().redactedUrl()
                + (settings.persistence().url().startsWith("jdbc:h2:") ? "  (embedded H2)" : ""));
        if (secret.generated()) {
            out.println();
            out.println("WARNING: BATCHCAST_JWT_SECRET is not set. This run signs and checks tokens with a random secret");
            out.println("WARNING: that dies with the process: set BATCHCAST_JWT_SECRET (>= 32 bytes) for anything real.");
            out.println("WARNING: this run's secret: " + secret.text());
            out.println("WARNING: a demo token (user 'demo', valid 24 h): " + demoToken());
        }
        out.println();
        out.flush();
    }

    void printDemo(PrintStream out, long strategyId) {
        out.println("Demo: user 'demo', strategy " + strategyId + ", a random batch every second through gRPC.");
        out.println("Demo dashboard: http://" + host() + ":" + httpPort + "/?strategy=" + strategyId
                + "&access_token=" + demoToken());
        out.println();
        out.flush();
    }

    String demoToken() {
        if (demoToken == null) {
            demoToken = tokens.issue("demo", Duration.ofHours(24));
        }
        return demoToken;
    }

    /** Bound to every interface: localhost is the address that works from this machine's browser. */
    private String host() {
        String configured = settings.httpHost();
        return configured.equals("0.0.0.0") || configured.equals("::") ? "localhost" : configured;
    }
}
