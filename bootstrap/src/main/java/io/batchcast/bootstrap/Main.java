package io.batchcast.bootstrap;

import io.batchcast.venue.VenueCommand;
import io.helidon.config.Config;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar batchcast.jar} runs the server; {@code java -jar batchcast.jar token --user 42} prints a token
 * signed with the configured secret; {@code java -jar batchcast.jar venue [--port 9878 ...]} runs the paper venue that
 * gateways reach over FIX ({@code --help} lists its options).
 */
public final class Main {

    private static final String VENUE_LOG_FORMAT = "%1$tY-%1$tm-%1$tdT%1$tH:%1$tM:%1$tS.%1$tL %4$s %3$s: %5$s%6$s%n";

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("venue") || args[0].equals("token"))) {
            LogFormat.logToStderr();
        }
        if (args.length > 0 && args[0].equals("venue")) {
            // The venue reads no gateway configuration. It logs with JUL's own console handler (stderr), one line per
            // record, set before anything logs, and QuickFIX/J's SLF4J records go to stderr too (logback.xml): stdout
            // carries the "listening" line alone.
            System.setProperty("java.util.logging.SimpleFormatter.format", VENUE_LOG_FORMAT);
            System.exit(VenueCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length == 0) {
            JvmRelaunch.ifDue(args); // in the launching JVM, runs the server in a child on the shipped JVM options
        }
        Config config = Config.create();
        if (args.length > 0 && args[0].equals("token")) {
            // no server logging setup here (logs, if any, go to stderr): stdout carries the token alone, so
            // `$(... token --user 42)` works
            System.exit(TokenCommand.run(args, config, System.out, System.err));
        }
        if (args.length > 0) {
            System.err.println("unknown command '" + args[0] + "'; usage: java -jar batchcast.jar"
                    + " [token --user <id> | token --help | venue [--help]]");
            System.exit(2);
        }
        LogFormat format;
        try {
            format = LogFormat.from(config);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        format.installForServer();
        RunningServer server;
        try {
            server = RunningServer.start(config, format);
        } catch (RuntimeException e) {
            // a logger only now: logback reads the format when the first one is made
            Logger log = LoggerFactory.getLogger(Main.class);
            if (e instanceof StartupException || e instanceof IllegalArgumentException) {
                log.error("Batchcast did not start: {}", e.getMessage()); // the message says it all (a bad setting)
            } else {
                log.error("Batchcast did not start: {}", e.getMessage(), e);
            }
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "batchcast-shutdown"));
    }
}
