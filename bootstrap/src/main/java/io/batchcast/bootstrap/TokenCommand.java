package io.batchcast.bootstrap;

import io.helidon.config.Config;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * {@code java -jar batchcast.jar token --user 42 [--ttl PT24H]}: prints a token signed with the configured secret,
 * which is how a strategy engine gets one in development. {@code --help} and {@code --version} answer on stdout.
 */
final class TokenCommand {

    static final String USAGE = "usage: java -jar batchcast.jar token --user <user id> [--ttl <ISO-8601 duration, "
            + "default PT24H>] | --help | --version";

    private static final String HELP = String.join("\n",
            USAGE,
            "",
            "Prints an HS256 access token (a JWT) for one user on stdout, signed with BATCHCAST_JWT_SECRET: the",
            "secret the server checks tokens with (at least 32 bytes). Strategy engines send it as",
            "'authorization: Bearer <token>'; browsers as the access_token query parameter or the batchcast_token cookie.",
            "",
            "options:",
            "  --user <user id>   the token's subject (sub): the user whose strategies it reaches; required",
            "  --ttl <duration>   how long the token is valid, an ISO-8601 duration such as PT30M or P7D; default PT24H",
            "  --help             print this help and exit",
            "  --version          print Batchcast's version and exit",
            "",
            "example: BATCHCAST_JWT_SECRET=... java -jar batchcast.jar token --user 42 --ttl PT2H");

    private TokenCommand() {
    }

    /** {@code --version} reports the jar manifest's Implementation-Version, the Maven project version. */
    static int run(String[] args, Config config, PrintStream out, PrintStream err) {
        return run(args, config, Optional.ofNullable(TokenCommand.class.getPackage().getImplementationVersion()), out,
                err);
    }

    static int run(String[] args, Config config, Optional<String> version, PrintStream out, PrintStream err) {
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--help")) {
                out.println(HELP);
                return 0;
            }
            if (args[i].equals("--version")) {
                out.println("batchcast " + version.orElse("(version unknown: not run from batchcast.jar)"));
                return 0;
            }
        }
        String user = null;
        Duration ttl = Duration.ofHours(24);
        for (int i = 1; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--user" -> user = value;
                case "--ttl" -> {
                    Optional<Duration> parsed = positiveDuration(value);
                    if (parsed.isEmpty()) {
                        return usage(err, "--ttl must be a positive ISO-8601 duration such as PT24H, was "
                                + (value == null ? "missing" : "'" + value + "'"));
                    }
                    ttl = parsed.get();
                }
                default -> {
                    return usage(err, "unknown option " + args[i]);
                }
            }
            i++;
        }
        if (user == null || user.isBlank()) {
            return usage(err, "--user is required");
        }
        String configured = ServerSettings.from(config).configuredSecret();
        if (configured.isEmpty()) {
            err.println("BATCHCAST_JWT_SECRET is not set: a token signed now would not be accepted by any server "
                    + "(each server run without a secret makes up its own). Set it to at least 32 bytes.");
            return 2;
        }
        JwtSecret secret;
        try {
            secret = JwtSecret.fromConfig(configured);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        out.println(new TokenIssuer(secret, Clock.systemUTC()).issue(user, ttl));
        return 0;
    }

    private static Optional<Duration> positiveDuration(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            Duration duration = Duration.parse(value);
            return duration.isPositive() ? Optional.of(duration) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem);
        err.println(USAGE);
        err.println("(--help explains each option)");
        return 2;
    }
}
