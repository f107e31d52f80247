package io.batchcast.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar as a process with one of its ports held by this test: a clear message, a non-zero exit, no banner. */
class PortInUseIT {

    @TempDir
    Path workDir;

    @Test
    void httpPortInUseExitsNonZeroNamingThePortAndItsVariableWithoutABanner() throws Exception {
        try (ServerSocket taken = occupied()) {
            String output = runExpectingFailure(taken.getLocalPort(), RunningJar.freePort());
            assertTrue(output.contains("ERROR io.batchcast.bootstrap.Main: Batchcast did not start: cannot listen on the "
                    + "HTTP port " + taken.getLocalPort() + " (Address already in use); set BATCHCAST_HTTP_PORT to a "
                    + "free port\n"), output);
        }
    }

    @Test
    void grpcPortInUseExitsNonZeroNamingThePortAndItsVariableWithoutABanner() throws Exception {
        try (ServerSocket taken = occupied()) {
            String output = runExpectingFailure(RunningJar.freePort(), taken.getLocalPort());
            assertTrue(output.contains("ERROR io.batchcast.bootstrap.Main: Batchcast did not start: cannot listen on the "
                    + "gRPC port " + taken.getLocalPort() + " (Address already in use); set BATCHCAST_GRPC_PORT to a "
                    + "free port\n"), output);
        }
    }

    /** Bound on every interface, as the server binds its ports. */
    private static ServerSocket occupied() throws Exception {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress("0.0.0.0", 0));
        return socket;
    }

    private String runExpectingFailure(int httpPort, int grpcPort) throws Exception {
        try (JarProcess jar = new JarProcess(workDir, Map.of(
                "BATCHCAST_HTTP_PORT", Integer.toString(httpPort),
                "BATCHCAST_GRPC_PORT", Integer.toString(grpcPort),
                "BATCHCAST_JWT_SECRET", RunningJar.SECRET,
                "BATCHCAST_DB_URL", RunningJar.sqliteUrl(workDir)))) {
            int exit = jar.awaitExit(Duration.ofSeconds(60));
            String output = jar.stdout() + jar.stderr();
            assertEquals(1, exit, output);
            assertFalse(output.contains("Batchcast is up"), output);
            assertFalse(output.contains(":-1"), output);
            return output;
        }
    }
}
