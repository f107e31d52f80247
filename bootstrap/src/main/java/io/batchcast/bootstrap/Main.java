package io.batchcast.bootstrap;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;

/**
 * {@code java -jar batchcast.jar} runs the server; {@code java -jar batchcast.jar token --user 42} prints a token
 * signed with the configured secret.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Config config = Config.create();
        if (args.length > 0 && args[0].equals("token")) {
            // no server logging setup here: stdout carries the token alone, so `$(... token --user 42)` works
            System.exit(TokenCommand.run(args, config, System.out, System.err));
        }
        if (args.length > 0) {
            System.err.println("unknown command '" + args[0] + "'; usage: java -jar batchcast.jar [token --user <id>]");
            System.exit(2);
        }
        LogConfig.configureRuntime();
        RunningServer server = RunningServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "batchcast-shutdown"));
    }
}
