package io.github.minibatchkmeans.core;

/**
 * Data held by an engine of its own — Spark partitions, other machines — that runs the passes of
 * a fit where the rows are: {@link MiniBatchKMeans#fit(PassEngine)} drives the algorithm, the
 * engine only carries each pass out. An implementation translates; it decides nothing.
 */
public interface PassEngine {
    /** Features per row. */
    int dimensions();

    /** The rows' weighted mean: the origin every pass measures from. */
    double[] mean();

    /**
     * One pass: every part of the data folds all its rows into {@code start.create(centers, mean())}
     * ({@link PassStatistics#add}, with row ids unique across the parts), and the parts' statistics
     * are {@link PassStatistics#merge merged}. Sampling, when a pass samples, is the statistics'
     * own business ({@link PassStatistics#bernoulli}).
     */
    PassStatistics pass(double[][] centers, PassStatistics.Start start);
}
