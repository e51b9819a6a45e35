package io.github.minibatchkmeans.core;

/**
 * What the engine is doing, for progress bars and logs.
 *
 * @param stage     which kind of pass
 * @param pass      1-based number of the pass within its stage (iteration number for ITERATION)
 * @param rowsDone  rows processed so far in this pass
 * @param totalRows rows in the data, or -1 while still unknown (during the first pass)
 * @param inertia   inertia of the pass when it has finished, else NaN
 * @param finished  true for the event that ends the pass
 * @param pruned    of a finished exact iteration: rows whose label the pruning bounds settled
 * @param unread    of a finished exact iteration: blocks of rows not read at all
 */
public record ProgressEvent(Stage stage, int pass, long rowsDone, long totalRows, double inertia, boolean finished,
                            long pruned, long unread) {

    /** An event without pruning counts. */
    public ProgressEvent(Stage stage, int pass, long rowsDone, long totalRows, double inertia, boolean finished) {
        this(stage, pass, rowsDone, totalRows, inertia, finished, 0, 0);
    }

    public enum Stage {
        /** Counting rows, feature means and variances, drawing the sample. */
        SUMMARY,
        /** A pass of a streaming initializer such as k-means||. */
        INITIALIZATION,
        /** One k-means iteration (EXACT) or epoch (STOCHASTIC). */
        ITERATION,
        /** Labels and inertia for the returned centroids. */
        FINAL
    }
}
