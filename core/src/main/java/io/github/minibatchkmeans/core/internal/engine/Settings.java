package io.github.minibatchkmeans.core.internal.engine;

import io.github.minibatchkmeans.core.internal.metric.Geometry;
import io.github.minibatchkmeans.core.spi.Initializer;

/**
 * What the engine needs of a configuration, resolved and validated by the facade (which builds
 * it from the public {@code KMeansConfig} in one place).
 *
 * @param nInit            starts to try; 0 lets the fit choose ({@link FitRun#restarts})
 * @param bounds           pruning: AUTO, OFF, HAMERLY or ELKAN
 * @param budgetBytes      heap bytes per-row state may take
 * @param maxNoImprovement stochastic early stopping after this many batches; 0 never
 * @param shuffleWindow    rows each stochastic epoch is shuffled through; 0 chooses
 * @param geometry         how rows and centroids are compared (the metric)
 */
public record Settings(int k, Initializer initializer, int maxIterations, double tolerance, int batchSize, int threads,
                       long seed, int sampleSize, int nInit, Bounds bounds, long budgetBytes, double reassignmentRatio,
                       int maxNoImprovement, int shuffleWindow, Geometry geometry) {

    /** Which pruning bounds an exact fit keeps. */
    public enum Bounds { AUTO, OFF, HAMERLY, ELKAN }

    /** The same settings with another seed (each online learner's initialization draws its own). */
    Settings withSeed(long other) {
        return new Settings(k, initializer, maxIterations, tolerance, batchSize, threads, other, sampleSize, nInit, bounds, budgetBytes,
                reassignmentRatio, maxNoImprovement, shuffleWindow, geometry);
    }

    /** The stochastic shuffle window in rows for data with {@code dims} columns. */
    int shuffleWindowRows(int dims) {
        if (shuffleWindow > 0) {
            return shuffleWindow;
        }
        return Math.max(batchSize, Math.min(1 << 16, (2 << 20) / dims)); // 2^21 doubles = 16 MB
    }
}
