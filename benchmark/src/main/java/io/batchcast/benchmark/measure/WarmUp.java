package io.batchcast.benchmark.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a scenario's own load in consecutive windows until its CPU per batch has settled ({@link SteadyState}) or a
 * cap is reached, so that the measured window that follows sees a warm server (a cold JVM needs minutes of load on
 * two cores before the JIT is done). CPU per batch, not the rate, decides: on a shared machine the rate swings with
 * the neighbours while the work per batch is what warming up changes. The rates are kept beside it.
 */
public final class WarmUp {

    /** One warm-up window: the batches completed in it and the CPU per batch of the watched processes. */
    public record Window(double seconds, long batches, double cpuMillisPerBatch) {
        public double perSecond() {
            return batches / seconds;
        }

        Map<String, Object> asJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("seconds", round(seconds, 2));
            json.put("batches", batches);
            json.put("batches_per_s", round(perSecond(), 1));
            json.put("cpu_ms_per_batch", round(cpuMillisPerBatch, 3));
            return json;
        }
    }

    /** Runs the load for about {@code seconds} and says what happened in that window. */
    @FunctionalInterface
    public interface WindowRunner {
        Window run(double seconds) throws Exception;
    }

    /** Windows of {@code windowSeconds}, steady by {@code steady}, at most {@code capSeconds} of them together. */
    public record Plan(double windowSeconds, double capSeconds, SteadyState steady) {
        public String describe() {
            return String.format(Locale.ROOT, "CPU per batch within ±%.0f%% of its mean over the last %d windows of"
                    + " %.0f s, at most %.0f s", steady.tolerance() * 100, steady.windows(), windowSeconds, capSeconds);
        }
    }

    /** What the warm-up did: every window, whether the last ones were steady, and how long it took. */
    public record Outcome(Plan plan, List<Window> windows, boolean steady) {
        public double seconds() {
            return windows.stream().mapToDouble(Window::seconds).sum();
        }

        public String summary() {
            return String.format(Locale.ROOT, "%s after %.0f s (%d windows)", steady ? "steady" : "NOT steady (cap hit)",
                    seconds(), windows.size());
        }

        /** The raw numbers for results.json, under {@code prefix} (e.g. "warmup", "echo_warmup"). */
        public Map<String, Object> asRaw(String prefix) {
            Map<String, Object> raw = new LinkedHashMap<>();
            raw.put(prefix + "_seconds", round(seconds(), 1));
            raw.put(prefix + "_steady", steady);
            raw.put(prefix + "_rule", plan.describe());
            raw.put(prefix + "_windows", windows.stream().map(Window::asJson).toList());
            return raw;
        }
    }

    private WarmUp() {
    }

    /**
     * Windows until steady, at most as many as fit in the cap; {@code progress} sees each window as it ends.
     */
    public static Outcome run(Plan plan, WindowRunner runner, Consumer<Window> progress) throws Exception {
        int most = (int) Math.floor(plan.capSeconds() / plan.windowSeconds() + 1e-9);
        List<Window> windows = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        while (windows.size() < most) {
            Window window = runner.run(plan.windowSeconds());
            windows.add(window);
            cpu.add(window.cpuMillisPerBatch());
            progress.accept(window);
            if (plan.steady().reached(cpu)) {
                return new Outcome(plan, List.copyOf(windows), true);
            }
        }
        return new Outcome(plan, List.copyOf(windows), false);
    }

    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
