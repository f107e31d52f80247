package io.batchcast.benchmark.server;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the harness starts the server jar: the environment (the README's configuration table and Helidon's env mapping of other keys) and
 * the JVM options. Benchmark-specific overrides are few and written into results.json so a reader sees them.
 */
public record ServerSettings(Path jar, Path workDir, String label, String dbUrl, String jwtSecret,
                             Map<String, String> extraEnv, List<String> jvmOptions, int fileLimit) {

    /** Helidon maps BATCHCAST_DELIVERY_MAX_dash_STREAMS_dash_PER_dash_USER to batchcast.delivery.max-streams-per-user. */
    public static final String SSE_STREAMS_PER_USER = "BATCHCAST_DELIVERY_MAX_dash_STREAMS_dash_PER_dash_USER";
    /** batchcast.sse.heartbeat, an ISO-8601 duration (PT5S). */
    public static final String SSE_HEARTBEAT = "BATCHCAST_SSE_HEARTBEAT";
    public static final String EXCHANGE_LATENCY = "BATCHCAST_EXCHANGE_LATENCY";

    public Map<String, String> environment(int httpPort, int grpcPort) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BATCHCAST_HTTP_PORT", Integer.toString(httpPort));
        env.put("BATCHCAST_GRPC_PORT", Integer.toString(grpcPort));
        env.put("BATCHCAST_DB_URL", dbUrl != null ? dbUrl : "jdbc:sqlite:" + workDir.resolve("data/batchcast.db"));
        env.put("BATCHCAST_JWT_SECRET", jwtSecret);
        env.put("BATCHCAST_DEMO", "false");
        // the process the harness measures (CPU, heap, pid for jcmd) is the server itself, never a relaunching stand-in
        env.put("BATCHCAST_JVM_RELAUNCH", "false");
        env.putAll(extraEnv);
        return env;
    }

    /** The command line: bash raises the soft open-files limit (inherited by exec'd java) before starting the JVM. */
    public List<String> command(String javaBinary) {
        StringBuilder shell = new StringBuilder("ulimit -n ").append(fileLimit).append(" 2>/dev/null || ulimit -n hard; exec");
        List<String> java = new java.util.ArrayList<>();
        java.add(javaBinary);
        java.addAll(jvmOptions);
        java.add("-jar");
        java.add(jar.toAbsolutePath().toString());
        for (String part : java) {
            shell.append(" '").append(part.replace("'", "'\\''")).append('\'');
        }
        return List.of("bash", "-c", shell.toString());
    }

    public ServerSettings withEnv(String key, String value) {
        Map<String, String> env = new LinkedHashMap<>(extraEnv);
        env.put(key, value);
        return new ServerSettings(jar, workDir, label, dbUrl, jwtSecret, env, jvmOptions, fileLimit);
    }

    public ServerSettings withLabel(String newLabel) {
        return new ServerSettings(jar, workDir, newLabel, dbUrl, jwtSecret, extraEnv, jvmOptions, fileLimit);
    }
}
