package io.batchcast.bootstrap;

import static io.batchcast.bootstrap.TestClient.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.proto.v1.OperationOutcome;
import io.batchcast.proto.v1.OrderOperation;
import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two gateway instances on one PostgreSQL and one FIX paper venue, as separate processes. */
class TwoGatewaysOneVenueIT {

    @TempDir
    Path workDir;

    @Test
    void anOrderPlacedThroughOneInstanceIsCancelledThroughTheOtherAndDuplicateRequestIdsAcrossThemExecuteOnce()
            throws Exception {
        int venuePort = RunningJar.freePort();
        Files.createDirectories(workDir.resolve("a"));
        Files.createDirectories(workDir.resolve("b"));
        Process venue = VenueReconciliationIT.startVenue(workDir, venuePort, workDir.resolve("venue"), "PT0.05S");
        try (ThrowawayPostgres db = new ThrowawayPostgres();
                RunningJar a = new RunningJar(workDir.resolve("a"), gateway(db, venuePort, "GW-A"));
                RunningJar b = new RunningJar(workDir.resolve("b"), gateway(db, venuePort, "GW-B"));
                TestClient viaA = new TestClient(a.grpcPort, "u1");
                TestClient viaB = new TestClient(b.grpcPort, "u1")) {
            long strategy = viaA.createStrategy("alpha");
            String warmA = VenueReconciliationIT.awaitLogon(viaA, strategy).getResults(0).getOrderId();
            String warmB = VenueReconciliationIT.awaitLogon(viaB, strategy).getResults(0).getOrderId();

            SubmitOrderBatchResponse placed = viaA.submit(strategy, "", limits(1, "x"));
            assertEquals(OperationOutcome.OPERATION_OUTCOME_CREATED, placed.getResults(0).getOutcome());
            SubmitOrderBatchResponse cancelled = viaB.submit(strategy, "", List.of(TestClient.cancel(
                    placed.getResults(0).getOrderId())));
            assertEquals(OperationOutcome.OPERATION_OUTCOME_CANCELLED, cancelled.getResults(0).getOutcome());
            assertEquals(placed.getResults(0).getOrderId(), cancelled.getResults(0).getOrderId());

            List<String> ordersPlaced = new ArrayList<>();
            try (ExecutorService callers = Executors.newFixedThreadPool(2)) {
                for (int pair = 0; pair < 10; pair++) {
                    String requestId = "dup-" + pair;
                    List<OrderOperation> ops = limits(2, requestId + "-");
                    CyclicBarrier together = new CyclicBarrier(2);
                    Future<SubmitOrderBatchResponse> first = callers.submit(() -> {
                        together.await();
                        return retrying(viaA, strategy, requestId, ops);
                    });
                    Future<SubmitOrderBatchResponse> second = callers.submit(() -> {
                        together.await();
                        return retrying(viaB, strategy, requestId, ops);
                    });
                    assertEquals(first.get(), second.get(), requestId + " answered alike by both instances");
                    first.get().getResultsList().forEach(r -> ordersPlaced.add(r.getOrderId()));
                }
            }
            assertEquals(20, ordersPlaced.stream().distinct().count());

            venue.destroyForcibly().waitFor();
            List<String> atVenue = new ArrayList<>(VenueReconciliationIT.venueOrders(workDir.resolve("venue"), strategy));
            List<String> expected = new ArrayList<>(ordersPlaced);
            expected.addAll(List.of(warmA, warmB, placed.getResults(0).getOrderId()));
            assertEquals(expected.stream().sorted().toList(), atVenue.stream().sorted().toList(),
                    "each request id placed its orders once at the venue");
        } finally {
            venue.destroyForcibly().waitFor();
        }
    }

    /** The loser of a request-id race waits for the winner (ABORTED while it runs): retry as a client would. */
    private static SubmitOrderBatchResponse retrying(TestClient client, long strategy, String requestId,
            List<OrderOperation> ops) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.submit(strategy, requestId, ops);
            } catch (RuntimeException e) {
                if (attempt == 20) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static Map<String, String> gateway(ThrowawayPostgres db, int venuePort, String compId) {
        Map<String, String> env = new HashMap<>(db.env());
        env.put("BATCHCAST_EXCHANGE", "fix://127.0.0.1:" + venuePort);
        env.put("BATCHCAST_FIX_SENDER_dash_COMP_dash_ID", compId);
        return env;
    }
}
