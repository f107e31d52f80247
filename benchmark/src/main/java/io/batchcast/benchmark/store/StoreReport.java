package io.batchcast.benchmark.store;

import java.util.List;
import java.util.Map;

/** report.md of a store measurement: one table of the group commits, one of disk use under retention. */
final class StoreReport {

    private StoreReport() {
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> run) {
        StringBuilder md = new StringBuilder("# Store measurement\n\n");
        Map<String, Object> machine = (Map<String, Object>) run.get("machine");
        md.append("Started ").append(machine.get("date")).append(", load average at start ")
                .append(machine.get("load_average_at_start")).append(", at end ").append(run.get("load_average_at_end"))
                .append(".\n\n| store | group | batches/s | ms/group | CPU µs/batch (process + backend) | syncs/group"
                        + " (fsync + fdatasync) | load |\n|---|---|---|---|---|---|---|\n");
        List<Map<String, Object>> stores = (List<Map<String, Object>>) run.get("stores");
        for (Map<String, Object> store : stores) {
            for (Map<String, Object> cell : (List<Map<String, Object>>) store.get("groups")) {
                md.append("| ").append(store.get("store")).append(" | ").append(cell.get("group")).append(" | ")
                        .append(cell.get("batches_per_second")).append(" | ").append(cell.get("ms_per_group"))
                        .append(" | ").append(cell.get("cpu_us_per_batch")).append(" (")
                        .append(cell.get("cpu_us_per_batch_process")).append(" + ")
                        .append(cell.get("cpu_us_per_batch_backend")).append(") | ")
                        .append(cell.getOrDefault("syncs_per_group", "–")).append(" (")
                        .append(cell.getOrDefault("fsync_calls", "–")).append(" + ")
                        .append(cell.getOrDefault("fdatasync_calls", "–")).append(" in ")
                        .append(cell.getOrDefault("strace_groups", "–")).append(") | ")
                        .append(cell.get("load_average")).append(" |\n");
            }
        }
        md.append("\n| store | batches (group) | kept | batches/s | bytes on disk, at each tenth of the run |"
                + " bytes per retained batch | end / half |\n|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> store : stores) {
            Map<String, Object> retention = (Map<String, Object>) store.get("retention");
            StringBuilder sizes = new StringBuilder();
            for (Map<String, Object> sample : (List<Map<String, Object>>) retention.get("samples")) {
                sizes.append(sizes.isEmpty() ? "" : ", ").append((long) sample.get("bytes") / 1024).append(" K");
            }
            md.append("| ").append(store.get("store")).append(" | ").append(retention.get("batches")).append(" (")
                    .append(retention.get("group")).append(") | ").append(retention.get("retained")).append(" | ")
                    .append(retention.get("batches_per_second")).append(" | ").append(sizes).append(" | ")
                    .append(retention.get("bytes_per_retained_batch")).append(" | ")
                    .append(retention.get("growth_second_half")).append(" |\n");
        }
        return md.toString();
    }
}
