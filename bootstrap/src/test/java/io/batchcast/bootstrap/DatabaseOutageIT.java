package io.batchcast.bootstrap;

import static io.batchcast.bootstrap.TestClient.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.rpc.ErrorInfo;
import io.batchcast.proto.v1.OperationResult;
import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
            jar.awaitReadiness(503);
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                    () -> client.submit(strategy, "", limits(1, "b")));
            assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode());

            db.comeBack();
            jar.awaitReadiness(200);
            String next = client.submit(strategy, "", limits(1, "c")).getEventId();
            assertEquals(2, BatchcastJarIT.seq(next), "the refused batch left nothing behind: no event, no gap");
        }
    }

    /**
     * The database goes away while the batch's orders are at the exchange (2 s of exchange latency): the caller is
     * told the outcome is unknown, never "nothing was written"; retries during the outage execute nothing; once the
     * database is back the batch is recorded once, and the retry returns it.
     */
    @Test
    void anOutageWhileOrdersAreAtTheExchangeNeverPlacesThemTwiceAndTheRetryReturnsThem() throws Exception {
        try (ThrowawayPostgres db = new ThrowawayPostgres();
                RunningJar jar = new RunningJar(workDir, withExchangeLatency(db.env(), "PT2S"));
                TestClient client = new TestClient(jar.grpcPort, "u1")) {
            long strategy = client.createStrategy("alpha");
            String first = client.submit(strategy, "", limits(1, "warm")).getResults(0).getOrderId();
            String session = first.substring(0, first.lastIndexOf('-') + 1);

            CompletableFuture<StatusRuntimeException> submitted = CompletableFuture.supplyAsync(() ->
                    assertThrows(StatusRuntimeException.class, () -> client.submit(strategy, "req-1", limits(3, "a"))));
            Thread.sleep(700); // the intent is committed and the three orders are at the exchange
            db.goDown();
            StatusRuntimeException unknown = submitted.get(30, TimeUnit.SECONDS);

            assertEquals(Status.Code.UNAVAILABLE, unknown.getStatus().getCode());
            ErrorInfo info = StatusProto.fromThrowable(unknown).getDetails(0).unpack(ErrorInfo.class);
            assertEquals("OUTCOME_UNKNOWN", info.getReason());
            assertEquals("batch " + info.getMetadataOrThrow("batch_id") + " was sent to the exchange but its outcome is"
                    + " not recorded yet: retry with the same request_id 'req-1' to get it; do not resubmit under a new"
                    + " one", unknown.getStatus().getDescription());
            assertEquals(Status.Code.UNAVAILABLE, assertThrows(StatusRuntimeException.class,
                    () -> client.submit(strategy, "req-1", limits(3, "a"))).getStatus().getCode());

            db.comeBack();
            jar.awaitReadiness(200);
            SubmitOrderBatchResponse retry = client.submit(strategy, "req-1", limits(3, "a"));

            assertEquals(info.getMetadataOrThrow("batch_id"), retry.getBatchId());
            assertEquals(List.of(session + "2", session + "3", session + "4"),
                    retry.getResultsList().stream().map(OperationResult::getOrderId).sorted().toList());
            assertEquals(2, BatchcastJarIT.seq(retry.getEventId()), "one event for the batch, right after the first");
            SubmitOrderBatchResponse next = client.submit(strategy, "", limits(1, "b"));
            assertEquals(session + "5", next.getResults(0).getOrderId(), "the exchange placed nothing twice");
            assertEquals(3, BatchcastJarIT.seq(next.getEventId()));
        }
    }

    private static Map<String, String> withExchangeLatency(Map<String, String> env, String latency) {
        Map<String, String> all = new HashMap<>(env);
        all.put("BATCHCAST_EXCHANGE_LATENCY", latency);
        return all;
    }
}
