package io.github.minibatchkmeans.core.internal.stats;

import io.github.minibatchkmeans.core.spi.Sample;

/**
 * What the statistics pass learns about the data: row counts, total weight, weighted
 * per-feature mean, (population) variance, smallest and largest value (over rows of positive
 * weight), and a uniform sample of rows.
 */
public record DataSummary(long rows, long positiveRows, double totalWeight, double[] mean, double[] variance,
                          double[] min, double[] max, Sample sample, double[] fills, long[] missingCounts, long missingValues) {

    /** A summary of data without missing values. */
    public DataSummary(long rows, long positiveRows, double totalWeight, double[] mean, double[] variance, double[] min,
                       double[] max, Sample sample) {
        this(rows, positiveRows, totalWeight, mean, variance, min, max, sample, null, null, 0);
    }

    /**
     * This summary with the values that fill missing ones completed for {@code nominal} attributes
     * (the mode in place of the frequencies; a missing category counted once), and the sample's
     * missing values filled: what every later pass sees. The summary itself if nothing was missing.
     */
    public DataSummary imputed(io.github.minibatchkmeans.core.internal.metric.NominalModes nominal) {
        if (fills == null) {
            return this;
        }
        double[] completed = fills.clone();
        nominal.finish(new double[][] {completed});
        double[] data = sample.data().clone();
        for (int at = 0; at < data.length; at++) {
            if (Double.isNaN(data[at])) {
                data[at] = completed[at % mean.length];
            }
        }
        return new DataSummary(rows, positiveRows, totalWeight, mean, variance, min, max,
                new Sample(sample.dims(), data, sample.weights(), sample.rows()), completed, missingCounts,
                nominal.values(missingCounts));
    }

    public int dims() {
        return mean.length;
    }

    /** The mean of the per-feature variances: the scale of scikit-learn's {@code tol}. */
    public double meanVariance() {
        double sum = 0;
        for (double v : variance) {
            sum += v;
        }
        return sum / variance.length;
    }

    /** The widest range of any feature: every squared distance between points in the data's box is at most dims · range². */
    public double widestRange() {
        double widest = 0;
        for (int j = 0; j < min.length; j++) {
            widest = Math.max(widest, max[j] - min[j]);
        }
        return widest;
    }

    /** The largest magnitude of any value. */
    public double largestMagnitude() {
        double largest = 0;
        for (int j = 0; j < min.length; j++) {
            largest = Math.max(largest, Math.max(Math.abs(min[j]), Math.abs(max[j])));
        }
        return largest;
    }
}
