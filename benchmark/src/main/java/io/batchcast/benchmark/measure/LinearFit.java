package io.batchcast.benchmark.measure;

/** Least-squares slope of y over x: the memory one more connection costs, from several (count, bytes) samples. */
public final class LinearFit {

    private LinearFit() {
    }

    public static double slope(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("need at least two (x, y) pairs of equal length, got "
                    + x.length + " and " + y.length);
        }
        double meanX = mean(x);
        double meanY = mean(y);
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < x.length; i++) {
            covariance += (x[i] - meanX) * (y[i] - meanY);
            variance += (x[i] - meanX) * (x[i] - meanX);
        }
        if (variance == 0) {
            throw new IllegalArgumentException("all x values are equal");
        }
        return covariance / variance;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
