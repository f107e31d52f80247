package io.batchcast.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line: {@code [--quick] [--db-url URL [--db-user U] [--db-password P]] [--server-jar PATH] [--only a,b]
 * [--jfr] [--server-jvm-option OPT]... [--server-env KEY=VALUE]... --out DIR}.
 */
record BenchOptions(boolean quick, String dbUrl, String dbUser, String dbPassword, Path serverJar, Path out,
                    Set<String> only, boolean jfr, List<String> serverJvmOptions, Map<String, String> serverEnv) {

    static final List<String> SCENARIOS = List.of("network", "ingest", "latency", "fanout", "connections", "slow",
            "burst", "connections64", "batch");
    static final String USAGE = """
            usage: java -jar benchmark/target/batchcast-bench.jar [--quick] [--db-url URL [--db-user U]
                   [--db-password P]] [--server-jar PATH]
                   [--only network,ingest,latency,fanout,connections,slow,burst,connections64,batch] [--jfr] [--server-jvm-option OPT]...
                   [--server-env KEY=VALUE]... --out DIR
              --quick              the short profile (7-10 min) instead of the full one (< 30 min)
              --db-url URL         the server's BATCHCAST_DB_URL (default: embedded SQLite in a fresh directory under DIR)
              --db-user U          the server's BATCHCAST_DB_USER (e.g. postgres)
              --db-password P      the server's BATCHCAST_DB_PASSWORD
              --server-jar PATH    the server jar (default: bootstrap/target/batchcast.jar)
              --only LIST          run only these scenarios
              --jfr                record the server with Java Flight Recorder (DIR/server-<label>.jfr)
              --server-jvm-option  an extra JVM option for the server (repeatable)
              --server-env K=V     an extra environment variable for the server (repeatable), e.g.
                                   BATCHCAST_LIMITS_MAX_dash_PARALLELISM=128
            """;

    static BenchOptions parse(String... args) {
        boolean quick = false;
        boolean jfr = false;
        String dbUrl = null;
        String dbUser = null;
        String dbPassword = null;
        Path jar = Path.of("bootstrap", "target", "batchcast.jar");
        Path out = null;
        Set<String> only = new LinkedHashSet<>(SCENARIOS);
        List<String> jvm = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--jfr" -> jfr = true;
                case "--db-url" -> dbUrl = value(args, ++i, "--db-url");
                case "--db-user" -> dbUser = value(args, ++i, "--db-user");
                case "--db-password" -> dbPassword = value(args, ++i, "--db-password");
                case "--server-jar" -> jar = Path.of(value(args, ++i, "--server-jar"));
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--only" -> only = scenarios(value(args, ++i, "--only"));
                case "--server-jvm-option" -> jvm.add(value(args, ++i, "--server-jvm-option"));
                case "--server-env" -> putEnv(env, value(args, ++i, "--server-env"));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out DIR is required");
        }
        if ((dbUser != null || dbPassword != null) && dbUrl == null) {
            throw new IllegalArgumentException("--db-user and --db-password need --db-url");
        }
        return new BenchOptions(quick, dbUrl, dbUser, dbPassword, jar, out, only, jfr, List.copyOf(jvm), env);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static void putEnv(Map<String, String> env, String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--server-env needs KEY=VALUE, was '" + assignment + "'");
        }
        env.put(assignment.substring(0, eq), assignment.substring(eq + 1));
    }

    private static Set<String> scenarios(String list) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String name : list.split(",")) {
            String trimmed = name.trim();
            if (!SCENARIOS.contains(trimmed)) {
                throw new IllegalArgumentException("--only: unknown scenario '" + trimmed + "', known: " + SCENARIOS);
            }
            chosen.add(trimmed);
        }
        return chosen;
    }
}
