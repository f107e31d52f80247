package io.batchcast.benchmark.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WarmUpTest {

    private final WarmUp.Plan plan = new WarmUp.Plan(10, 90, new SteadyState(3, 0.05));

    /** A load whose CPU per batch follows {@code cpu}, 100 batches per 10 s window. */
    private static WarmUp.WindowRunner scripted(List<Double> cpu, List<Double> asked) {
        Iterator<Double> next = cpu.iterator();
        return seconds -> {
            asked.add(seconds);
            return new WarmUp.Window(seconds, 100, next.next());
        };
    }

    @Test
    void stopsAtTheFirstWindowThatMakesTheLastThreeSteady() throws Exception {
        List<Double> asked = new ArrayList<>();
        List<WarmUp.Window> seen = new ArrayList<>();

        WarmUp.Outcome outcome = WarmUp.run(plan, scripted(List.of(9.0, 6.0, 4.1, 4.0, 3.9, 3.0), asked), seen::add);

        assertTrue(outcome.steady());
        assertEquals(List.of(10.0, 10.0, 10.0, 10.0, 10.0), asked);
        assertEquals(5, seen.size());
        assertEquals(50.0, outcome.seconds());
        assertEquals(List.of(9.0, 6.0, 4.1, 4.0, 3.9),
                outcome.windows().stream().map(WarmUp.Window::cpuMillisPerBatch).toList());
        assertEquals("steady after 50 s (5 windows)", outcome.summary());
    }

    @Test
    void atTheCapItStopsAndSaysItWasNotSteady() throws Exception {
        List<Double> asked = new ArrayList<>();
        // falls by 8% a window, never steady: the cap of 90 s allows 9 windows of 10 s
        List<Double> falling = new ArrayList<>();
        for (double c = 10; falling.size() < 12; c *= 0.92) {
            falling.add(c);
        }

        WarmUp.Outcome outcome = WarmUp.run(plan, scripted(falling, asked), w -> { });

        assertFalse(outcome.steady());
        assertEquals(9, asked.size());
        assertEquals(90.0, outcome.seconds());
        assertEquals("NOT steady (cap hit) after 90 s (9 windows)", outcome.summary());
    }

    @Test
    void reportsEveryWindowAndTheRuleInTheRawResults() throws Exception {
        WarmUp.Outcome outcome = WarmUp.run(new WarmUp.Plan(10, 30, new SteadyState(3, 0.05)),
                seconds -> new WarmUp.Window(10.004, 4321, 2.71828), w -> { });

        Map<String, Object> raw = outcome.asRaw("echo_warmup");

        assertEquals(List.of("echo_warmup_seconds", "echo_warmup_steady", "echo_warmup_rule", "echo_warmup_windows"),
                List.copyOf(raw.keySet()));
        assertEquals(30.0, raw.get("echo_warmup_seconds"));
        assertEquals(true, raw.get("echo_warmup_steady"));
        assertEquals("CPU per batch within ±5% of its mean over the last 3 windows of 10 s, at most 30 s",
                raw.get("echo_warmup_rule"));
        assertEquals(Map.of("seconds", 10.0, "batches", 4321L, "batches_per_s", 431.9, "cpu_ms_per_batch", 2.718),
                ((List<?>) raw.get("echo_warmup_windows")).getFirst());
    }
}
