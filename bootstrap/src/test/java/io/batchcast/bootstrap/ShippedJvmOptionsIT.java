package io.batchcast.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
 * on generational ZGC (its heap pools are ZGC's, not G1's), with a heap of one eighth of the machine's memory that is
 * committed and resident from the start, so that no allocation under load waits for the kernel to hand out and zero
 * a fresh page.
 */
class ShippedJvmOptionsIT {

    @TempDir
    Path workDir;

    @Test
    void theShippedArgumentFileSelectsGenerationalZgcOnAFixedPreTouchedHeap() throws Exception {
        Path options = Path.of("jvm.options").toAbsolutePath();
        assertEquals(List.of("-XX:+UseZGC", "-XX:InitialRAMPercentage=12.5", "-XX:MaxRAMPercentage=12.5",
                "-XX:+AlwaysPreTouch"), Files.readAllLines(options));
        try (RunningJar jar = new RunningJar(workDir, Map.of(), List.of("@" + options))) {
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + jar.httpPort + "/observe/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("jvm_memory_used_bytes{area=\"heap\",id=\"ZGC Young Generation\",}"), metrics);
            assertTrue(metrics.contains("jvm_memory_used_bytes{area=\"heap\",id=\"ZGC Old Generation\",}"), metrics);
            assertFalse(metrics.contains("G1 Eden Space"), "G1's pools: the options were not applied");
            // ZGC's heap is shared memory: resident from the start only when it was touched before any use (an idle
            // server without AlwaysPreTouch holds some tens of MB of it)
            long heap = kilobytes("/proc/meminfo", "MemTotal:") / 8;
            long resident = kilobytes("/proc/" + jar.process().pid() + "/status", "RssShmem:");
            assertTrue(resident >= heap * 95 / 100, "resident heap " + resident + " kB, expected about " + heap + " kB");
        }
    }

    private static long kilobytes(String file, String field) throws IOException {
        String line = Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(field)).findFirst()
                .orElseThrow(() -> new AssertionError(file + " has no " + field));
        return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
    }
}
