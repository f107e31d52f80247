package io.batchcast.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.benchmark.sse.SseFrame;
import org.junit.jupiter.api.Test;

/** How the burst scenario reads a frame: the batches a merged frame carries end at its id. */
class BurstScenarioTest {

    @Test
    void aMergedFrameCarriesItsBatchCountAndAPlainFrameOne() {
        var merged = new SseFrame("k3x9-120", "order_batch_update", "{\"type\":\"order_batch_update\",\"data\":{"
                + "\"strategy_id\":7,\"batch_id\":\"b\",\"summaries\":[],\"timestamp\":\"t\",\"batch_count\":37}}",
                null, null, 200);
        var plain = new SseFrame("k3x9-121", "order_batch_update", "{\"type\":\"order_batch_update\",\"data\":{"
                + "\"strategy_id\":7,\"batch_id\":\"b\",\"summaries\":[],\"timestamp\":\"t\"}}", null, null, 180);

        assertEquals(37, BurstScenario.batchCount(merged));
        assertEquals(1, BurstScenario.batchCount(plain));
        assertEquals(120, BurstScenario.seqOf(merged.id()));
    }
}
