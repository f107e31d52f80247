package io.batchcast.benchmark.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one run found, written as DIR/results.json and DIR/report.md. */
public final class RunReport {

    private final Map<String, Object> run = new LinkedHashMap<>();
    private final Map<String, Object> machine;
    private final List<ScenarioResult> scenarios = new ArrayList<>();
    private final List<String> plots = new ArrayList<>();

    public RunReport(Map<String, Object> run, Map<String, Object> machine) {
        this.run.putAll(run);
        this.machine = machine;
    }

    public void add(ScenarioResult result) {
        scenarios.add(result);
    }

    public void addPlot(String fileName) {
        plots.add(fileName);
    }

    public void finish(Map<String, Object> extra) {
        run.putAll(extra);
        machine.put("load_average_at_end", MachineInfo.loadAverage());
    }

    /** Every named figure of every scenario that produced one. */
    public Map<String, Object> figures() {
        Map<String, Object> figures = new LinkedHashMap<>();
        scenarios.forEach(s -> figures.putAll(s.figures()));
        return figures;
    }

    public List<Map<String, Object>> targets() {
        Map<String, Object> figures = figures();
        boolean quick = "quick".equals(run.get("profile"));
        List<Map<String, Object>> targets = new ArrayList<>();
        for (Target target : Target.ALL) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("figure", target.figure());
            row.put("target", target.describe());
            row.put("value", figures.get(target.figure()));
            row.put("met", quick && target.fullProfileOnly() ? null : target.met(figures).orElse(null));
            row.put("note", target.note());
            targets.add(row);
        }
        return targets;
    }

    Map<String, Object> asJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", run);
        json.put("machine", machine);
        json.put("figures", figures());
        json.put("targets", targets());
        Map<String, Object> details = new LinkedHashMap<>();
        for (ScenarioResult s : scenarios) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("status", s.status().name().toLowerCase());
            if (s.reason() != null) {
                entry.put("reason", s.reason());
            }
            entry.put("seconds", Math.round(s.seconds() * 10) / 10.0);
            entry.put("figures", s.figures());
            entry.put("raw", s.raw());
            details.put(s.scenario(), entry);
        }
        json.put("scenarios", details);
        json.put("plots", plots);
        return json;
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(dir.resolve("results.json"), mapper.writeValueAsString(asJson()) + "\n");
        Files.writeString(dir.resolve("report.md"), new MarkdownReport(run, machine, scenarios, targets(), plots,
                mapper).render());
    }
}
