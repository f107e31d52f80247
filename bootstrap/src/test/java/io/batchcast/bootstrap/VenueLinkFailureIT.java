package io.batchcast.bootstrap;

import static io.batchcast.bootstrap.TestClient.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.rpc.ErrorInfo;
import io.batchcast.proto.v1.OperationOutcome;
import io.batchcast.proto.v1.OperationResult;
import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network between the gateway and the FIX venue fails while a batch's orders are at the venue (a proxy the test
 * cuts): the venue acts on them, the answers never arrive. The caller is told the outcome is unknown, a retry during
 * the failure executes nothing, and once the link is back the batch is recorded from the venue and the retry returns it.
 */
class VenueLinkFailureIT {

    @TempDir
    Path workDir;

    @Test
    void answersLostWithTheVenueLinkAreLookedUpOnceItIsBackAndNothingIsPlacedTwice() throws Exception {
        int venuePort = RunningJar.freePort();
        Files.createDirectories(workDir.resolve("gw"));
        Process venue = VenueReconciliationIT.startVenue(workDir, venuePort, workDir.resolve("venue"), "PT0.4S");
        try (CuttableProxy link = new CuttableProxy(venuePort);
                RunningJar gateway = new RunningJar(workDir.resolve("gw"), Map.of(
                        "BATCHCAST_EXCHANGE", "fix://127.0.0.1:" + link.port(),
                        "BATCHCAST_FIX_TIMEOUT", "PT1S",
                        "BATCHCAST_FIX_RECONNECT_dash_INTERVAL", "PT1S",
                        "BATCHCAST_EXECUTION_RECONCILE_dash_AFTER", "PT20S"));
                TestClient client = new TestClient(gateway.grpcPort, "u1")) {
            long strategy = client.createStrategy("alpha");
            String warm = VenueReconciliationIT.awaitLogon(client, strategy).getResults(0).getOrderId();

            CompletableFuture<StatusRuntimeException> submitted = CompletableFuture.supplyAsync(() ->
                    assertThrows(StatusRuntimeException.class, () -> client.submit(strategy, "req-6", limits(6, "o"))));
            Thread.sleep(200); // the six orders are at the venue, which answers after 400 ms
            link.cut();
            StatusRuntimeException unknown = submitted.get(30, TimeUnit.SECONDS);

            assertEquals(Status.Code.UNAVAILABLE, unknown.getStatus().getCode());
            assertEquals("OUTCOME_UNKNOWN",
                    StatusProto.fromThrowable(unknown).getDetails(0).unpack(ErrorInfo.class).getReason());
            StatusRuntimeException duringFailure = assertThrows(StatusRuntimeException.class,
                    () -> client.submit(strategy, "req-6", limits(6, "o")));
            assertEquals(Status.Code.ABORTED, duringFailure.getStatus().getCode(), "still being settled: not executed again");

            link.restore();
            SubmitOrderBatchResponse retry = client.submitUntilAnswered(strategy, "req-6", limits(6, "o"));

            Set<String> created = new HashSet<>();
            for (OperationResult result : retry.getResultsList()) {
                assertEquals(OperationOutcome.OPERATION_OUTCOME_CREATED, result.getOutcome(), result.toString());
                created.add(result.getOrderId());
            }
            assertEquals(6, created.size());
            venue.destroyForcibly().waitFor();
            Set<String> expected = new HashSet<>(created);
            expected.add(warm);
            assertEquals(expected, VenueReconciliationIT.venueOrders(workDir.resolve("venue"), strategy));
        } finally {
            venue.destroyForcibly().waitFor();
        }
    }
}
