package io.batchcast.benchmark.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** The two PNGs of the report, kept small (640×360) so they can live in docs/ if wanted. */
public final class Plots {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;
    private static final int BUCKETS = 60;

    private Plots() {
    }

    /** Deliveries per latency bucket, up to the p99.9 (the tail beyond is in the title). */
    public static void latencyHistogram(Histogram histogram, String subtitle, Path file) throws IOException {
        long top = Math.max(histogram.getValueAtPercentile(99.9), 1_000_000);
        long width = Math.max(top / BUCKETS, 1);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (HistogramIterationValue v : histogram.linearBucketValues(width)) {
            if (v.getValueIteratedTo() > top) {
                break;
            }
            x.add(v.getValueIteratedTo() / 1e6);
            y.add((double) v.getCountAddedInThisIterationStep());
        }
        String percentiles = String.format(java.util.Locale.ROOT, "p50 %.1f · p99 %.1f · p99.9 %.1f ms",
                histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(99) / 1e6,
                histogram.getValueAtPercentile(99.9) / 1e6);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Submit-to-SSE latency " + subtitle + ": " + percentiles)
                .xAxisTitle("latency from intended send time (ms)").yAxisTitle("deliveries").build();
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setXAxisDecimalPattern("#0.0");
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(12f));
        chart.addSeries("deliveries", x, y);
        save(chart, file);
    }

    /** Deliveries per second, gateway against nginx+Nchan, same readers and payload. */
    public static void fanoutComparison(double ours, double nchan, int readers, Path file) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Fan-out to " + readers + " SSE readers of one stream").yAxisTitle("deliveries / s").build();
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        chart.addSeries("deliveries/s", List.of("Batchcast", "nginx + Nchan"),
                List.of((double) Math.round(ours), (double) Math.round(nchan)));
        save(chart, file);
    }

    private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
