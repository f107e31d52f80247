package io.batchcast.bootstrap;

import static io.batchcast.bootstrap.TestClient.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running jar on PostgreSQL while its database goes away and comes back. */
class DatabaseOutageIT {

    @TempDir
    Path workDir;

    @Test
    void outageFailsSubmitsAsUnavailableReportsNotReadyAndHealsByItself() throws Exception {
        try (ThrowawayPostgres db = new ThrowawayPostgres(); RunningJar jar = new RunningJar(workDir, db.env());
                TestClient client = new TestClient(jar.grpcPort, "u1")) {
            long strategy = client.createStrategy("alpha");
            assertEquals(1, BatchcastJarIT.seq(client.submit(strategy, "", limits(1, "a")).getEventId()));

            db.goDown();
            awaitReadiness(jar, 503);
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                    () -> client.submit(strategy, "", limits(1, "b")));
            assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode());

            db.comeBack();
            awaitReadiness(jar, 200);
            String next = client.submit(strategy, "", limits(1, "c")).getEventId();
            assertEquals(2, BatchcastJarIT.seq(next), "the refused batch left nothing behind: no event, no gap");
        }
    }

    private static void awaitReadiness(RunningJar jar, int expected) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(30);
        int last = -1;
        while (Instant.now().isBefore(deadline)) {
            last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jar.httpPort
                    + "/observe/health/ready")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            if (last == expected) {
                return;
            }
            Thread.sleep(250);
        }
        assertEquals(expected, last, "readiness");
    }
}
