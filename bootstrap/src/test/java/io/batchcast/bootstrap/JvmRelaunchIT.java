package io.batchcast.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain {@code java -jar batchcast.jar}, as an operator types it: the server runs in a child JVM on the shipped
 * options (generational ZGC), and the process the operator started stands in for it: SIGTERM stops the server
 * gracefully with its exit code, and {@code kill -9} of the stand-in takes the server down with it.
 */
class JvmRelaunchIT {

    private static final Map<String, String> RELAUNCH = Map.of(JvmRelaunch.VARIABLE, "true");

    @TempDir
    Path workDir;

    @Test
    void plainJavaJarRunsTheServerOnTheShippedCollectorAndStopsItOnSigterm() throws Exception {
        ProcessHandle server;
        try (RunningJar jar = new RunningJar(workDir, RELAUNCH)) {
            List<ProcessHandle> children = jar.process().children().toList();
            assertEquals(1, children.size(), "one child JVM");
            server = children.getFirst();
            List<String> arguments = List.of(server.info().arguments().orElseThrow());
            assertEquals(List.of("-XX:+UseZGC", "-XX:InitialRAMPercentage=12.5", "-XX:MaxRAMPercentage=12.5",
                    "-XX:+AlwaysPreTouch", "-jar", RunningJar.jar().toString()), arguments);
            String metrics = metrics(jar.httpPort);
            assertTrue(metrics.contains("id=\"ZGC Young Generation\""), metrics);
            assertFalse(metrics.contains("G1 Eden Space"), metrics);

            assertEquals(143, jar.terminate(), "the server's own exit code for SIGTERM");
            assertFalse(server.isAlive());
            assertTrue(jar.output().contains("Batchcast stopped"), jar.output());
        }
    }

    @Test
    void killingTheStandInTakesTheServerDownAndARestartGetsItsPortsAndDatabase() throws Exception {
        int http = RunningJar.freePort();
        int grpc = RunningJar.freePort();
        ProcessHandle server;
        try (RunningJar jar = new RunningJar(workDir, RELAUNCH, http, grpc)) {
            server = jar.process().children().findFirst().orElseThrow();
            jar.kill();
        }
        Instant deadline = Instant.now().plusSeconds(10);
        while (server.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertFalse(server.isAlive(), "the server outlived the kill -9 of the process the operator started");
        assertThrows(IOException.class, () -> new Socket("127.0.0.1", http).close(), "nothing listens any more");
        try (RunningJar again = new RunningJar(workDir, RELAUNCH, http, grpc)) {
            assertTrue(metrics(again.httpPort).contains("ZGC"), "restarted on the same ports and database");
        }
    }

    @Test
    void aCollectorOnTheCommandLineIsTheOperatorsChoice() throws Exception {
        try (RunningJar jar = new RunningJar(workDir, RELAUNCH, List.of("-XX:+UseG1GC"))) {
            assertEquals(0, jar.process().children().count(), "no relaunch");
            assertTrue(metrics(jar.httpPort).contains("G1 Eden Space"));
        }
    }

    private static String metrics(int httpPort) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/observe/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
