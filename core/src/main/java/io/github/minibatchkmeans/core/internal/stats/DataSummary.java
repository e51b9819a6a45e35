package io.github.minibatchkmeans.core.internal.stats;

import io.github.minibatchkmeans.core.spi.Sample;

/**
 * What the statistics pass learns about the data: row counts, total weight, weighted
 * per-feature mean and (population) variance, and a uniform sample of rows.
 */
public record DataSummary(long rows, long positiveRows, double totalWeight, double[] mean, double[] variance,
                          Sample sample) {

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
}
