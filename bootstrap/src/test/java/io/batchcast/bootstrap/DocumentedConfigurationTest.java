package io.batchcast.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every configuration key the README names exists in application.yaml (or, for the ones unset by default, as a
 * commented example there) and is read by the code under the same name: the README's environment variables (its
 * table) and every backticked key ({@code batchcast.sse.retry}, {@code sse.retry}, {@code limits.max-replay}, ...).
 * A key the README documents but the code reads under another name (e.g. {@code retry-ms}) fails here.
 */
class DocumentedConfigurationTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern ENV = Pattern.compile("`(BATCHCAST_[A-Z_]+)`");
    private static final Pattern KEY = Pattern.compile("`(?:batchcast\\.)?((?:http|grpc|db|retention|jwt|limits"
            + "|execution|shutdown|sse|delivery|exchange|fix|auth|log|statistics)\\.[a-z0-9.\\-]+)[^`]*`");
    /** The root node whose value YAML cannot hold beside its children: set in the environment only. */
    private static final Set<String> VALUE_ON_A_PARENT = Set.of("exchange");

    @Test
    void everyKeyTheReadmeNamesIsInApplicationYamlAndReadUnderThatName() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String yamlText = Files.readString(ROOT.resolve("bootstrap/src/main/resources/application.yaml"));
        Config yaml = Config.just(ConfigSources.classpath("application.yaml")).get("batchcast");
        String sources = mainSources();
        Set<String> keys = documentedKeys(readme);

        List<String> problems = new ArrayList<>();
        for (String key : keys) {
            boolean inYaml = yaml.get(key).exists() || VALUE_ON_A_PARENT.contains(key)
                    || commentedExample(yamlText, key);
            if (!inYaml) {
                problems.add(key + ": not in application.yaml");
            }
            if (!readBySomeSuffix(sources, key)) {
                problems.add(key + ": no code reads it under this name");
            } else if (typed(yaml.get(key)) && readsWithout("batchcast." + key)) {
                problems.add(key + ": a value that is not a " + yaml.get(key).asString().get() + "-like value is"
                        + " accepted, so the settings do not read it");
            }
        }
        assertEquals(List.of(), problems, "README keys " + keys);
        assertTrue(keys.containsAll(Set.of("sse.retry", "sse.heartbeat", "sse.max-strategies-per-stream",
                "delivery.max-streams-per-user", "delivery.queue-capacity", "delivery.shutdown-grace", "http.port")),
                "the README names the stream settings: " + keys);
    }

    @Test
    void eachLimitOfEventStreamsAppearsOnceInApplicationYaml() throws IOException {
        String yamlText = Files.readString(ROOT.resolve("bootstrap/src/main/resources/application.yaml"));
        for (String key : List.of("max-streams-per-user:", "queue-capacity:", "max-strategies-per-stream:")) {
            assertEquals(1, yamlText.split(Pattern.quote(key), -1).length - 1, key);
        }
    }

    /** The table's environment variables as keys, and every backticked key, without the {@code batchcast.} root. */
    private static Set<String> documentedKeys(String readme) {
        Set<String> keys = new TreeSet<>();
        Matcher env = ENV.matcher(readme);
        while (env.find()) {
            keys.add(env.group(1).substring("BATCHCAST_".length()).toLowerCase(Locale.ROOT)
                    .replace("_dash_", "-").replace('_', '.'));
        }
        Matcher key = KEY.matcher(readme);
        while (key.find()) {
            keys.add(key.group(1).replaceAll("\\.$", ""));
        }
        return keys;
    }

    /**
     * Numbers and durations: a wrong value must stop the start, which proves the key is read. (Booleans are not
     * checked this way: Helidon reads anything but {@code true} as false.)
     */
    private static boolean typed(Config node) {
        String value = node.asString().orElse("");
        return value.matches("-?[0-9]+|PT[0-9.A-Z]+");
    }

    /** Whether every settings reader accepts {@code key} set to a value of no type at all. */
    private static boolean readsWithout(String key) {
        Config root = Config.builder(ConfigSources.create(java.util.Map.of(key, "!not-a-value")),
                        ConfigSources.classpath("application.yaml"))
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .build();
        try {
            ServerSettings settings = ServerSettings.from(root);
            io.batchcast.adapter.sse.SseSettings.from(settings.sse());
            ExchangeConnection.fixSettings(root.get("batchcast"), "fix://127.0.0.1:9878", settings.persistence());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** {@code allowed-origins} and the like are unset by default: application.yaml shows them as a comment. */
    private static boolean commentedExample(String yamlText, String key) {
        String leaf = key.substring(key.lastIndexOf('.') + 1);
        return Pattern.compile("^\\s*#\\s*" + Pattern.quote(leaf) + ":", Pattern.MULTILINE).matcher(yamlText).find();
    }

    /**
     * Main code looks the key up: {@code get("sse.retry")}, or {@code get("retry")} on its subtree (or through
     * ServerSettings' {@code positive(c, "…")}, which reads and checks a duration).
     */
    private static boolean readBySomeSuffix(String sources, String key) {
        String[] parts = key.split("\\.");
        for (int from = 0; from < parts.length; from++) {
            String suffix = String.join(".", List.of(parts).subList(from, parts.length));
            // the key (or its tail below a node already taken) as the last argument of a lookup: get("x"),
            // positive(c, "x"), optional(batchcast, "x")
            if (sources.contains("\"" + suffix + "\")") || sources.contains("positive(c, \"" + suffix + "\"")) {
                return true;
            }
        }
        return sources.contains("\"batchcast." + key + "\""); // a constant with the whole key
    }

    private static String mainSources() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).toList()) {
                try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                        try {
                            all.append(Files.readString(f));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                }
            }
        }
        return all.toString();
    }
}
