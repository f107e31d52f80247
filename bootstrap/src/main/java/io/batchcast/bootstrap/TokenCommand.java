package io.batchcast.bootstrap;

import io.helidon.config.Config;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code java -jar batchcast.jar token --user 42 [--ttl PT24H]}: prints a token signed with the configured secret,
 * which is how a strategy engine gets one in development.
 */
final class TokenCommand {

    private TokenCommand() {
    }

    static int run(String[] args, Config config, PrintStream out, PrintStream err) {
        String user = null;
        Duration ttl = Duration.ofHours(24);
        for (int i = 1; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--user" -> user = value;
                case "--ttl" -> ttl = value == null ? null : Duration.parse(value);
                default -> {
                    return usage(err, "unknown option " + args[i]);
                }
            }
            i++;
        }
        if (user == null || user.isBlank() || ttl == null) {
            return usage(err, "--user is required");
        }
        String configured = ServerSettings.from(config).configuredSecret();
        if (configured.isEmpty()) {
            err.println("BATCHCAST_JWT_SECRET is not set: a token signed now would not be accepted by any server "
                    + "(each server run without a secret makes up its own). Set it to at least 32 bytes.");
            return 2;
        }
        out.println(new TokenIssuer(JwtSecret.fromConfig(configured), Clock.systemUTC()).issue(user, ttl));
        return 0;
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem);
        err.println("usage: java -jar batchcast.jar token --user <user id> [--ttl <ISO-8601 duration, default PT24H>]");
        return 2;
    }
}
