package io.batchcast.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar batchcast.jar token --version | --help}: answers from the packaged jar, on stdout alone. */
class TokenCommandJarIT {

    @TempDir
    Path workDir;

    @Test
    void versionPrintsTheMavenProjectVersionFromTheJarManifest() throws Exception {
        String expected = System.getProperty("batchcast.version");
        assertTrue(expected != null && !expected.isBlank(), "failsafe passes the project version");
        try (JarProcess jar = new JarProcess(workDir, Map.of(), "token", "--version")) {
            assertEquals(0, jar.awaitExit(Duration.ofSeconds(30)));
            assertEquals("batchcast " + expected + "\n", jar.stdout());
            assertEquals("", jar.stderr());
        }
    }

    @Test
    void helpPrintsUsageOnStdoutAndExitsZeroWithoutASecret() throws Exception {
        try (JarProcess jar = new JarProcess(workDir, Map.of("BATCHCAST_JWT_SECRET", ""), "token", "--help")) {
            assertEquals(0, jar.awaitExit(Duration.ofSeconds(30)));
            assertTrue(jar.stdout().startsWith(TokenCommand.USAGE + "\n"), jar.stdout());
            assertTrue(jar.stdout().contains("\n  --version          print Batchcast's version and exit\n"), jar.stdout());
            assertEquals("", jar.stderr());
        }
    }
}
