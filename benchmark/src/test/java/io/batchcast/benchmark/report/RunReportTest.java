package io.batchcast.benchmark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {

    @TempDir
    Path dir;

    private RunReport report() {
        Map<String, Object> machine = new LinkedHashMap<>(Map.of("cores", 2));
        RunReport report = new RunReport(Map.of("profile", "quick"), machine);
        report.add(new ScenarioResult("network").figure("network.reduction", 0.9312).raw("batch_wire_bytes", 301));
        report.add(new ScenarioResult("latency").figure("latency.p99_ms", 25.5));
        report.add(new ScenarioResult("connections").figure("connections.count", 10_000));
        report.add(ScenarioResult.skipped("fanout", "nginx+nchan not installed"));
        return report;
    }

    @Test
    void targetsAreMetMissedOrNotMeasured() {
        Map<String, Map<String, Object>> byFigure = new LinkedHashMap<>();
        report().targets().forEach(t -> byFigure.put((String) t.get("figure"), t));

        assertEquals(true, byFigure.get("network.reduction").get("met"));
        assertEquals(false, byFigure.get("latency.p99_ms").get("met"));
        assertNull(byFigure.get("fanout.ratio").get("met"));
        assertNull(byFigure.get("connections.count").get("met"), "quick opens 10,000 by design");
        assertEquals(10_000, byFigure.get("connections.count").get("value"));
        assertEquals("≥ 0.9", byFigure.get("network.reduction").get("target"));
        assertEquals("≤ 12,288", byFigure.get("connections.bytes_per_connection").get("target"));
    }

    @Test
    void resultsJsonHoldsNamedFiguresRawNumbersAndTheMachine() throws Exception {
        report().write(dir);

        JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertEquals(0.9312, json.at("/figures/network.reduction").asDouble());
        assertEquals(301, json.at("/scenarios/network/raw/batch_wire_bytes").asInt());
        assertEquals("skipped", json.at("/scenarios/fanout/status").asText());
        assertEquals("skipped: nginx+nchan not installed", json.at("/scenarios/fanout/reason").asText());
        assertEquals(2, json.at("/machine/cores").asInt());
        assertFalse(json.at("/figures").has("fanout.ratio"));
    }

    @Test
    void reportMarkdownShowsMissesAndSkips() throws Exception {
        report().write(dir);

        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("| `latency.p99_ms` | 25.5 | ≤ 20 (at 500 batches/s, in both profiles) | **missed** |"), md);
        assertTrue(md.contains("| `fanout.ratio` | – | ≥ 1.0 (deliveries/s over nginx+Nchan's) | not measured |"), md);
        assertTrue(md.contains("skipped: nginx+nchan not installed"), md);
        assertTrue(md.contains("| `connections.count` | 10000 | ≥ 50,000 (idle SSE connections held) | full profile only |"),
                md);
    }
}
