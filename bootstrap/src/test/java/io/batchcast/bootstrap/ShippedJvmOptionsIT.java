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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java @bootstrap/jvm.options -jar batchcast.jar} (the README's and the container's command) runs the server
 * on generational ZGC (its heap pools are ZGC's, not G1's), with a fixed heap (one eighth of the memory the JVM sees)
 * that is committed and resident from the start, so that no allocation under load waits for the kernel to hand out and zero
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
            // the heap's size as the server's JVM took it (an eighth of the memory it sees: the machine's, or a
            // container's limit), the same at start as at most
            String flags = jcmd(jar.process().pid(), "VM.flags");
            long initial = flag(flags, "InitialHeapSize");
            assertEquals(flag(flags, "MaxHeapSize"), initial, flags);
            // ZGC's heap is shared memory: resident from the start only when it was touched before any use (an idle
            // server without AlwaysPreTouch holds some tens of MB of it)
            long resident = kilobytes("/proc/" + jar.process().pid() + "/status", "RssShmem:") * 1024;
            assertTrue(resident >= initial * 95 / 100, "resident heap " + resident + " bytes, heap " + initial);
        }
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes());
        assertTrue(jcmd.waitFor(30, TimeUnit.SECONDS), "jcmd did not end");
        return out;
    }

    /** A size flag from {@code VM.flags} output ({@code -XX:MaxHeapSize=3087007744}). */
    private static long flag(String flags, String name) {
        Matcher value = Pattern.compile("-XX:" + name + "=(\\d+)").matcher(flags);
        assertTrue(value.find(), name + " not in " + flags);
        return Long.parseLong(value.group(1));
    }

    private static long kilobytes(String file, String field) throws IOException {
        String line = Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(field)).findFirst()
                .orElseThrow(() -> new AssertionError(file + " has no " + field));
        return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
    }
}
