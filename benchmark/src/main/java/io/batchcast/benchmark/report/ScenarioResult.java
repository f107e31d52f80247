package io.batchcast.benchmark.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one scenario found: its named figures (the headline numbers such as {@code latency.p99_ms}), the raw numbers
 * behind them, and whether it ran at all. A scenario that could not run says why instead of inventing a figure.
 */
public final class ScenarioResult {

    public enum Status { OK, SKIPPED, FAILED }

    private final String scenario;
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final Map<String, Object> raw = new LinkedHashMap<>();
    private Status status = Status.OK;
    private String reason;
    private double seconds;

    public ScenarioResult(String scenario) {
        this.scenario = scenario;
    }

    public static ScenarioResult skipped(String scenario, String reason) {
        ScenarioResult result = new ScenarioResult(scenario);
        result.status = Status.SKIPPED;
        result.reason = "skipped: " + reason;
        return result;
    }

    public static ScenarioResult failed(String scenario, Throwable cause) {
        ScenarioResult result = new ScenarioResult(scenario);
        result.status = Status.FAILED;
        result.reason = "failed: " + cause;
        return result;
    }

    public ScenarioResult figure(String name, Object value) {
        figures.put(name, value);
        return this;
    }

    public ScenarioResult raw(String name, Object value) {
        raw.put(name, value);
        return this;
    }

    public ScenarioResult seconds(double elapsed) {
        seconds = elapsed;
        return this;
    }

    public String scenario() {
        return scenario;
    }

    public Map<String, Object> figures() {
        return figures;
    }

    public Map<String, Object> raw() {
        return raw;
    }

    public Status status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public double seconds() {
        return seconds;
    }
}
