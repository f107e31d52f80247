package io.batchcast.venue;

import io.batchcast.adapter.exchange.PaperExchangeSettings;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar batchcast.jar venue [options]} (or {@code java -cp ... io.batchcast.venue.VenueCommand}): runs the
 * paper venue until the process is stopped, and prints one line once it listens.
 */
public final class VenueCommand {

    static final String USAGE = """
            usage: java -jar batchcast.jar venue [options]
              --port <n>                 FIX port to listen on (default 9878; 0 = any free port)
              --host <address>           address to listen on (default 0.0.0.0, every interface)
              --data <directory>         the venue's H2 database: order book and FIX session store (default ./data/venue)
              --latency <duration>       ISO-8601, slept before answering each request (default PT0S), e.g. PT0.5S
              --comp-id <id>             the venue's CompID, the gateways' TargetCompID (default PAPERVENUE)
              --allowed-symbols <a,b>    only these symbols trade (default: every symbol)
              --max-notional <amount>    orders with price x quantity above it are rejected (default: no limit)
              --id-prefix <prefix>       prefix of the order ids of a new book (default PV-<8 random characters>-)
              --help                     this text
            """;

    private VenueCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Parses the options, runs the venue until the JVM shuts down (SIGTERM, Ctrl-C) and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        VenueSettings settings;
        try {
            settings = parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (settings == null) {
            out.print(USAGE);
            return 0;
        }
        PaperVenue venue;
        try {
            venue = PaperVenue.start(settings);
        } catch (RuntimeException e) {
            err.println(e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                venue.close();
            } finally {
                stopped.countDown();
            }
        }, "venue-shutdown"));
        out.println(listening(venue));
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The one line printed once the venue listens. */
    static String listening(PaperVenue venue) {
        VenueSettings settings = venue.settings();
        return "Paper venue listening for FIX 4.4 on " + venue.host() + ":" + venue.port() + " as "
                + settings.compId() + " (latency " + settings.rules().latency() + "); book and session store in "
                + settings.dataDirectory().toAbsolutePath().normalize() + ", order ids " + venue.orderIdPrefix()
                + "<n>";
    }

    /** The settings the options give, or null for --help. */
    static VenueSettings parse(String[] args) {
        VenueSettings defaults = VenueSettings.defaults();
        String host = defaults.host();
        int port = defaults.port();
        Path data = defaults.dataDirectory();
        String compId = defaults.compId();
        PaperExchangeSettings rules = defaults.rules();
        String prefix = defaults.idPrefixIfNew();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> port = integer(option, value);
                case "--host" -> host = value;
                case "--data" -> data = Path.of(value);
                case "--latency" -> rules = rules.withLatency(duration(option, value));
                case "--comp-id" -> compId = value;
                case "--allowed-symbols" -> rules = rules.withAllowedSymbols(symbols(value));
                case "--max-notional" -> rules = rules.withMaxNotional(decimal(option, value));
                case "--id-prefix" -> prefix = value;
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new VenueSettings(host, port, data, compId, rules, prefix);
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number, was '" + value + "'");
        }
    }

    private static Duration duration(String option, String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " takes an ISO-8601 duration such as PT0.5S, was '" + value
                    + "'");
        }
    }

    private static BigDecimal decimal(String option, String value) {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a decimal number, was '" + value + "'");
        }
    }

    private static List<String> symbols(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
