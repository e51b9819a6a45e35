package io.github.minibatchkmeans.core.spi;

/**
 * Data held by an engine of its own — Spark partitions, other machines — that runs the passes of
 * a fit where the rows are: {@code MiniBatchKMeans.fit(PassEngine)} drives the algorithm (the same
 * code as for local sources), the engine only carries each pass out. An implementation
 * translates; it decides nothing.
 */
public interface PassEngine {
    /**
     * Features per row.
     *
     * @return the columns of every row
     */
    int dimensions();

    /**
     * True if the parts add their rows sparse ({@link PassStatistics#addSparse}): every part, every
     * row, so that the fit measures rows from 0 and never densifies them.
     *
     * @return whether the rows are added sparse
     */
    default boolean sparse() {
        return false;
    }

    /**
     * One pass: every part of the data folds all its rows into {@code start.create(centers)}
     * ({@link PassStatistics#add}, with row ids unique across the parts and independent of how the
     * rows are cut into parts), and the parts' statistics are {@link PassStatistics#merge merged},
     * in any order.
     *
     * @param centers the centroids of the pass, one array each
     * @param start creates each part's empty statistics
     * @return the merged statistics of every part
     */
    PassStatistics pass(double[][] centers, PassStatistics.Start start);
}
