package io.batchcast.benchmark.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Options of {@link StoreBenchMain}; every value checked, with a message naming the option. */
record StoreBenchOptions(Path out, Path data, List<StoreKind> stores, List<Integer> groups, int seconds,
        int warmupSeconds, int retentionBatches, int retained, int pruneEvery, int retentionGroup, int samples,
        String pgUrl) {

    static final String USAGE = """
            usage: java -cp benchmark/target/batchcast-bench.jar io.batchcast.benchmark.store.StoreBenchMain --out DIR
              [--stores sqlite-full,sqlite-normal,h2,postgresql] [--groups 1,8,64] [--seconds 15] [--warmup 5]
              [--retention-batches 100000] [--retained 5000] [--prune-every 1000] [--retention-group 8]
              [--data DIR (default OUT/data)] [--pg-url jdbc:postgresql://127.0.0.1:5432/]
            """;

    static StoreBenchOptions parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got '" + args[i] + "'");
            }
            values.put(args[i].substring(2), args[i + 1]);
        }
        String out = values.remove("out");
        if (out == null) {
            throw new IllegalArgumentException("--out is required");
        }
        List<StoreKind> stores = new ArrayList<>();
        for (String label : values.getOrDefault("stores", "sqlite-full,sqlite-normal,h2,postgresql").split(",")) {
            stores.add(StoreKind.of(label.trim()));
        }
        values.remove("stores");
        List<Integer> groups = new ArrayList<>();
        for (String group : values.getOrDefault("groups", "1,8,64").split(",")) {
            groups.add(positive("groups", group.trim()));
        }
        values.remove("groups");
        StoreBenchOptions options = new StoreBenchOptions(Path.of(out),
                Path.of(values.getOrDefault("data", Path.of(out, "data").toString())), List.copyOf(stores),
                List.copyOf(groups), positive("seconds", values.getOrDefault("seconds", "15")),
                positive("warmup", values.getOrDefault("warmup", "5")),
                positive("retention-batches", values.getOrDefault("retention-batches", "100000")),
                positive("retained", values.getOrDefault("retained", "5000")),
                positive("prune-every", values.getOrDefault("prune-every", "1000")),
                positive("retention-group", values.getOrDefault("retention-group", "8")), 10,
                values.getOrDefault("pg-url", "jdbc:postgresql://127.0.0.1:5432/"));
        for (String known : List.of("data", "seconds", "warmup", "retention-batches", "retained", "prune-every",
                "retention-group", "pg-url")) {
            values.remove(known);
        }
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown option --" + values.keySet().iterator().next());
        }
        if (options.retentionBatches() < 4L * options.retained()) {
            throw new IllegalArgumentException("--retention-batches must be at least 4 × --retained ("
                    + 4L * options.retained() + "), was " + options.retentionBatches());
        }
        return options;
    }

    private static int positive(String option, String value) {
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + " must be a whole number, was '" + value + "'");
        }
        if (parsed < 1) {
            throw new IllegalArgumentException("--" + option + " must be >= 1, was " + parsed);
        }
        return parsed;
    }

    Map<String, Object> describe() {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("stores", stores.stream().map(kind -> kind.label).toList());
        described.put("groups", groups);
        described.put("seconds", seconds);
        described.put("warmup_seconds", warmupSeconds);
        described.put("retention_batches", retentionBatches);
        described.put("retained", retained);
        described.put("prune_every", pruneEvery);
        described.put("retention_group", retentionGroup);
        described.put("data", data.toAbsolutePath().toString());
        return described;
    }
}
