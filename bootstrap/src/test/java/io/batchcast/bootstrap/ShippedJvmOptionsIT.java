package io.batchcast.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java @bootstrap/jvm.options -jar batchcast.jar} (the README's and the container's command) runs the server
 * on generational ZGC: its heap pools are ZGC's, not G1's.
 */
class ShippedJvmOptionsIT {

    @TempDir
    Path workDir;

    @Test
    void theShippedArgumentFileSelectsGenerationalZgc() throws Exception {
        Path options = Path.of("jvm.options").toAbsolutePath();
        assertEquals(List.of("-XX:+UseZGC"), Files.readAllLines(options));
        try (RunningJar jar = new RunningJar(workDir, Map.of(), List.of("@" + options))) {
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + jar.httpPort + "/observe/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("jvm_memory_used_bytes{area=\"heap\",id=\"ZGC Young Generation\",}"), metrics);
            assertTrue(metrics.contains("jvm_memory_used_bytes{area=\"heap\",id=\"ZGC Old Generation\",}"), metrics);
            assertFalse(metrics.contains("G1 Eden Space"), "G1's pools: the options were not applied");
        }
    }
}
