package io.batchcast.benchmark.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/** report.md: the targets table first (what a reader came for), then each scenario's raw numbers. */
record MarkdownReport(Map<String, Object> run, Map<String, Object> machine, List<ScenarioResult> scenarios,
                      List<Map<String, Object>> targets, List<String> plots, ObjectMapper mapper) {

    String render() {
        StringBuilder md = new StringBuilder("# Batchcast benchmark report\n\n");
        run.forEach((k, v) -> md.append("- ").append(k).append(": ").append(inline(v)).append('\n'));
        md.append("\n## Machine\n\n");
        machine.forEach((k, v) -> md.append("- ").append(k).append(": ").append(inline(v)).append('\n'));
        md.append("\n## Figures and targets\n\n| figure | value | target | result |\n|---|---|---|---|\n");
        for (Map<String, Object> t : targets) {
            Object met = t.get("met");
            String verdict = met == null ? (t.get("value") == null ? "not measured" : "full profile only")
                    : (Boolean) met ? "met" : "**missed**";
            md.append("| `").append(t.get("figure")).append("` | ").append(t.get("value") == null ? "–" : t.get("value"))
                    .append(" | ").append(t.get("target")).append(" (").append(t.get("note")).append(") | ")
                    .append(verdict).append(" |\n");
        }
        for (ScenarioResult s : scenarios) {
            md.append("\n## ").append(s.scenario()).append(" — ").append(s.status().name().toLowerCase())
                    .append(String.format(" (%.1f s)", s.seconds())).append("\n\n");
            if (s.reason() != null) {
                md.append(s.reason()).append("\n\n");
            }
            s.figures().forEach((k, v) -> md.append("- **").append(k).append("**: ").append(inline(v)).append('\n'));
            s.raw().forEach((k, v) -> md.append("- ").append(k).append(": ").append(inline(v)).append('\n'));
        }
        if (!plots.isEmpty()) {
            md.append("\n## Plots\n\n");
            plots.forEach(p -> md.append("![").append(p).append("](").append(p).append(")\n\n"));
        }
        return md.toString();
    }

    private String inline(Object value) {
        if (value instanceof String text) {
            return text.contains("\n") ? "`" + text.replace("\n", "\\n") + "`" : text;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            try {
                return "`" + mapper.writer().withoutFeatures(
                        com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(value) + "`";
            } catch (JsonProcessingException e) {
                return String.valueOf(value);
            }
        }
        return String.valueOf(value);
    }
}
