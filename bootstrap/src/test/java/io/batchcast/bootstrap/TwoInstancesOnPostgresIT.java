package io.batchcast.bootstrap;

import static io.batchcast.bootstrap.TestClient.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two full server processes on one PostgreSQL database, as operators run them behind a load balancer. */
class TwoInstancesOnPostgresIT {

    @TempDir
    Path workDir;
    private ThrowawayPostgres db;
    private RunningJar a;
    private RunningJar b;

    @BeforeEach
    void start() throws Exception {
        db = new ThrowawayPostgres();
        a = new RunningJar(Files.createDirectories(workDir.resolve("a")), db.env());
        b = new RunningJar(Files.createDirectories(workDir.resolve("b")), db.env());
    }

    @AfterEach
    void stop() throws Exception {
        a.close();
        b.close();
        db.close();
    }

    private static String path(long strategy) {
        return "/api/v1/strategies/" + strategy + "/events";
    }

    @Test
    void clientOnOneInstanceReceivesBatchesSubmittedToTheOtherWithTheSameIdsAndOrder() throws Exception {
        try (TestClient viaA = new TestClient(a.grpcPort, "u1"); TestClient viaB = new TestClient(b.grpcPort, "u1")) {
            long strategy = viaA.createStrategy("alpha");
            String cursor;
            List<SubmitOrderBatchResponse> sent = new ArrayList<>();
            try (RawSseClient onA = new RawSseClient(a.httpPort, path(strategy), viaA.token, null);
                    RawSseClient onB = new RawSseClient(b.httpPort, path(strategy), viaB.token, null)) {
                onA.nextFrame();
                onB.nextFrame();
                for (int i = 1; i <= 3; i++) {
                    sent.add(viaB.submit(strategy, "", limits(i, "x" + i + "-")));
                }
                for (SubmitOrderBatchResponse response : sent) {
                    String fromA = onA.nextEvent();
                    assertEquals(fromA, onB.nextEvent(), "both instances send the same bytes");
                    assertTrue(fromA.startsWith("id: " + response.getEventId() + "\n"), fromA);
                }
                cursor = sent.getLast().getEventId();
            }
            SubmitOrderBatchResponse missed1 = viaB.submit(strategy, "", limits(1, "m1-"));
            SubmitOrderBatchResponse missed2 = viaB.submit(strategy, "", limits(2, "m2-"));
            try (RawSseClient again = new RawSseClient(a.httpPort, path(strategy), viaA.token, cursor)) {
                assertTrue(again.nextEvent().startsWith("id: " + missed1.getEventId() + "\n"));
                assertTrue(again.nextEvent().startsWith("id: " + missed2.getEventId() + "\n"));
            }
        }
    }

    @Test
    void oneRequestIdSentToBothInstancesAtOnceExecutesOnce() throws Exception {
        try (TestClient viaA = new TestClient(a.grpcPort, "u1"); TestClient viaB = new TestClient(b.grpcPort, "u1")) {
            long strategy = viaA.createStrategy("alpha");
            CountDownLatch go = new CountDownLatch(1);
            try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
                Future<SubmitOrderBatchResponse> fromA = threads.submit(() -> {
                    go.await();
                    return viaA.submit(strategy, "same-request", limits(3, "o"));
                });
                Future<SubmitOrderBatchResponse> fromB = threads.submit(() -> {
                    go.await();
                    return viaB.submit(strategy, "same-request", limits(3, "o"));
                });
                go.countDown();
                assertEquals(fromA.get(), fromB.get());
            }
            SubmitOrderBatchResponse next = viaB.submit(strategy, "", limits(1, "n"));
            assertEquals(2, BatchcastJarIT.seq(next.getEventId()), "exactly one event came before this one");
        }
    }
}
