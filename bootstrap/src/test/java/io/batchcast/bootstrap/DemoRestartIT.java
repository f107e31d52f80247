package io.batchcast.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Demo mode keeps one demo strategy across restarts on the same database, so a dashboard URL stays valid. */
class DemoRestartIT {

    private static final Pattern DEMO_LINE = Pattern.compile("Demo: user 'demo', strategy (\\d+), ");

    @TempDir
    Path workDir;

    @Test
    void restartOnTheSameDatabaseReusesTheDemoStrategy() throws Exception {
        long first;
        try (RunningJar jar = new RunningJar(workDir, Map.of("BATCHCAST_DEMO", "true"))) {
            first = demoStrategy(jar);
            try (TestClient demoUser = new TestClient(jar.grpcPort, "demo")) {
                // another strategy of the demo user, created after the demo one: it must not be picked up
                demoUser.createStrategy("scalper");
            }
            jar.terminate(); // a clean stop (SIGTERM), as an operator restarts it
        }
        try (RunningJar jar = new RunningJar(workDir, Map.of("BATCHCAST_DEMO", "true"))) {
            assertEquals(first, demoStrategy(jar));
            try (TestClient demoUser = new TestClient(jar.grpcPort, "demo")) {
                String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + jar.httpPort + "/api/v1/strategies")).header("Authorization", "Bearer " + demoUser.token)
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                List<String> strategies = Pattern.compile("\\{\"id\":(\\d+),\"name\":\"([^\"]+)\"").matcher(body)
                        .results().map(m -> m.group(1) + " " + m.group(2)).toList();
                assertEquals(List.of(first + " demo", (first + 1) + " scalper"), strategies, body);
            }
        }
    }

    private static long demoStrategy(RunningJar jar) throws Exception {
        String output = jar.outputContaining("Demo dashboard: ");
        Matcher matcher = DEMO_LINE.matcher(output);
        assertTrue(matcher.find(), output);
        return Long.parseLong(matcher.group(1));
    }
}
