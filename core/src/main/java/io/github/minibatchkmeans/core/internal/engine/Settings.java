package io.github.minibatchkmeans.core.internal.engine;

import io.github.minibatchkmeans.core.internal.metric.Geometry;
import io.github.minibatchkmeans.core.internal.metric.NominalModes;
import io.github.minibatchkmeans.core.spi.Initializer;

/**
 * What the engine needs of a configuration, resolved and validated by the facade (which builds
 * it from the public {@code KMeansConfig} in one place).
 *
 * @param sampleSize       rows of the seeding sample: as configured, or the automatic value, which
 *                         {@link #sampleRows} lowers for rows too wide for the heap
 * @param sampleSizeAutomatic true if the user left the sample size to the fit
 * @param nInit            starts to try; 0 lets the fit choose ({@link FitRun#restarts})
 * @param bounds           pruning: AUTO, OFF, HAMERLY or ELKAN
 * @param budgetBytes      heap bytes per-row state may take
 * @param maxNoImprovement stochastic early stopping after this many batches; 0 never
 * @param shuffleWindow    rows each stochastic epoch is shuffled through; 0 chooses
 * @param geometry         how rows and centroids are compared (the metric)
 * @param nominal          the nominal attributes whose centroids are their modes (k-prototypes)
 * @param missing          what a missing value (NaN) is: an error, filled in with the statistics pass's means, or left out
 */
public record Settings(int k, Initializer initializer, int maxIterations, double tolerance, int batchSize, int threads,
                       long seed, int sampleSize, boolean sampleSizeAutomatic, int nInit, Bounds bounds, long budgetBytes, double reassignmentRatio,
                       int maxNoImprovement, int shuffleWindow, Geometry geometry,
                       NominalModes nominal, Missing missing) {

    /** What a missing value (NaN) is (the internal mirror of {@code MissingValues}). */
    public enum Missing { ERROR, IMPUTE, IGNORE }

    /** True if a missing value (NaN) is filled in from the statistics pass. */
    public boolean imputesMissing() {
        return missing == Missing.IMPUTE;
    }

    /** True if a missing value (NaN) is left out: rows measured over the features they have. */
    public boolean ignoresMissing() {
        return missing == Missing.IGNORE;
    }

    /** True if a missing value is not an error: the statistics pass measures around it. */
    public boolean acceptsMissing() {
        return missing != Missing.ERROR;
    }

    /** An automatic sample takes at most 1/SAMPLE_SHARE of the heap. */
    private static final int SAMPLE_SHARE = 8;
    /** The sample is held twice at its peak: the reservoir, while it grows or while seeding gets its copy. */
    static final int SAMPLE_COPIES = 2;

    /** Which pruning bounds an exact fit keeps. */
    public enum Bounds { AUTO, OFF, HAMERLY, ELKAN }

    /** The same settings with another seed (each online learner's initialization draws its own). */
    Settings withSeed(long other) {
        return new Settings(k, initializer, maxIterations, tolerance, batchSize, threads, other, sampleSize, sampleSizeAutomatic, nInit, bounds, budgetBytes,
                reassignmentRatio, maxNoImprovement, shuffleWindow, geometry, nominal,
                missing);
    }

    /** The same settings for {@code other} clusters (one fit of a sweep over k). */
    Settings withK(int other) {
        return new Settings(other, initializer, maxIterations, tolerance, batchSize, threads, seed, sampleSize, sampleSizeAutomatic, nInit, bounds,
                budgetBytes, reassignmentRatio, maxNoImprovement, shuffleWindow, geometry, nominal,
                missing);
    }

    /**
     * The seeding sample's rows: as configured, or the automatic size — but no more rows than
     * {@link #SAMPLE_SHARE} of the heap holds with the partial samples of each thread, so that wide
     * rows (text features) shrink an automatic sample instead of refusing the fit; never fewer than k.
     */
    int sampleRows(int dims, long maxHeap) {
        if (!sampleSizeAutomatic) {
            return sampleSize;
        }
        return (int) Math.min(sampleSize, Math.max(k, sampleRowsThatFit(dims, maxHeap)));
    }

    /** The sampled rows {@link #SAMPLE_SHARE} of the heap holds, with the partial samples of each thread. */
    long sampleRowsThatFit(int dims, long maxHeap) {
        long copies = SAMPLE_COPIES + 2L * threads;
        return maxHeap / SAMPLE_SHARE / (copies * sampleRowBytes(dims));
    }

    /** Heap bytes of one sampled row: its values, weight and index. */
    static long sampleRowBytes(int dims) {
        return 8L * dims + 24;
    }

    /** The stochastic shuffle window in rows for data with {@code dims} columns. */
    int shuffleWindowRows(int dims) {
        if (shuffleWindow > 0) {
            return shuffleWindow;
        }
        return Math.max(batchSize, Math.min(1 << 16, (2 << 20) / dims)); // 2^21 doubles = 16 MB
    }
}
