package io.batchcast.bootstrap;

import java.io.PrintStream;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator (or a newcomer) needs to see at startup: where everything is, and how to get in. Printed as plain
 * lines with the text log format; with the json one each block is one log record, so every line stays one JSON object.
 */
final class Banner {

    private static final Logger LOG = LoggerFactory.getLogger(Banner.class);

    private final ServerSettings settings;
    private final int httpPort;
    private final int grpcPort;
    private final JwtSecret secret;
    private final TokenIssuer tokens;
    private final LogFormat format;
    private String demoToken;

    Banner(ServerSettings settings, int httpPort, int grpcPort, JwtSecret secret, TokenIssuer tokens, LogFormat format) {
        this.settings = settings;
        this.httpPort = httpPort;
        this.grpcPort = grpcPort;
        this.secret = secret;
        this.tokens = tokens;
        this.format = format;
    }

    void print(PrintStream out) {
        String http = "http://" + host() + ":" + httpPort;
        announce(out, false, String.join("\n",
                "Batchcast is up",
                "  gRPC          " + host() + ":" + grpcPort
                        + "  (batchcast.v1.OrderBatchService, batchcast.v1.StrategyService)",
                "  dashboard     " + http + "/",
                "  SSE           " + http + "/api/v1/strategies/{strategyId}/events",
                "  SSE, all      " + http + "/api/v1/events  (every strategy of the caller; ?strategy= narrows)",
                "  health        " + http + "/observe/health  (readiness: " + http + "/observe/health/ready)",
                "  metrics       " + http + "/observe/metrics",
                "  database      " + settings.persistence().redactedUrl()
                        + embedded(settings.persistence().url()),
                "  access tokens " + acceptedTokens()));
        if (secret.generated()) {
            announce(out, true, String.join("\n",
                    "WARNING: BATCHCAST_JWT_SECRET is not set. This run signs and checks tokens with a random secret",
                    "WARNING: that dies with the process: set BATCHCAST_JWT_SECRET (>= 32 bytes) for anything real.",
                    "WARNING: this run's secret: " + secret.text(),
                    "WARNING: a demo token (user 'demo', valid 24 h): " + demoToken()));
        }
    }

    void printDemo(PrintStream out, long strategyId) {
        announce(out, false, String.join("\n",
                "Demo: user 'demo', strategy " + strategyId + ", a random batch every second through gRPC.",
                "Demo dashboard: http://" + host() + ":" + httpPort + "/?strategy=" + strategyId
                        + "&access_token=" + demoToken()));
    }

    private void announce(PrintStream out, boolean warning, String block) {
        if (format == LogFormat.JSON) {
            if (warning) {
                LOG.warn(block);
            } else {
                LOG.info(block);
            }
            return;
        }
        out.println();
        out.println(block);
        out.flush();
    }

    String demoToken() {
        if (demoToken == null) {
            demoToken = tokens.issue("demo", Duration.ofHours(24));
        }
        return demoToken;
    }

    /** "HS256 (BATCHCAST_JWT_SECRET), RS256/ES256 (JWK set https://...)": which tokens this run accepts. */
    /** Names the embedded databases, whose URL alone does not say that they live inside this process. */
    static String embedded(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            return "  (embedded SQLite)";
        }
        return url.startsWith("jdbc:h2:") ? "  (embedded H2)" : "";
    }

    private String acceptedTokens() {
        String hs256 = secret.hmac().isPresent() ? "HS256 (" + (secret.generated() ? "this run's random secret"
                : "BATCHCAST_JWT_SECRET") + ")" : "";
        String jwks = settings.auth().jwksUrl().map(url -> "RS256/ES256 (JWK set " + url + ")").orElse("");
        return hs256.isEmpty() || jwks.isEmpty() ? hs256 + jwks : hs256 + ", " + jwks;
    }

    /** Bound to every interface: localhost is the address that works from this machine's browser. */
    private String host() {
        String configured = settings.httpHost();
        return configured.equals("0.0.0.0") || configured.equals("::") ? "localhost" : configured;
    }
}
