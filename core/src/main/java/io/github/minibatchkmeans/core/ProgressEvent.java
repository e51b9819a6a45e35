package io.github.minibatchkmeans.core;

/**
 * What the engine is doing, for progress bars and logs.
 *
 * @param stage     which kind of pass
 * @param pass      1-based number of the pass within its stage (iteration number for ITERATION)
 * @param rowsDone  rows processed so far in this pass
 * @param totalRows rows in the data, or -1 while still unknown (during the first pass)
 * @param inertia   inertia of the pass when it has finished, else NaN; with several starts, the
 *                  lowest any start has reached so far (a start that is done keeps its last)
 * @param finished  true for the event that ends the pass
 * @param pruned    of a finished exact iteration: rows whose label the pruning bounds settled
 * @param unread    of a finished exact iteration: blocks of rows not read at all
 * @param starts    the starts (restarts, {@code nInit}) of the fit, those done included: 1 without
 *                  restarts; a pass serves the starts still running
 */
public record ProgressEvent(Stage stage, int pass, long rowsDone, long totalRows, double inertia, boolean finished,
                            long pruned, long unread, int starts) {

    /**
     * An event of a pass for one start, without pruning counts.
     *
     * @param stage     which kind of pass
     * @param pass      1-based number of the pass within its stage
     * @param rowsDone  rows processed so far in this pass
     * @param totalRows rows in the data, or -1 while still unknown
     * @param inertia   inertia of the pass when it has finished, else NaN
     * @param finished  true for the event that ends the pass
     */
    public ProgressEvent(Stage stage, int pass, long rowsDone, long totalRows, double inertia, boolean finished) {
        this(stage, pass, rowsDone, totalRows, inertia, finished, 0, 0, 1);
    }

    /**
     * The kinds of passes a fit makes.
     */
    public enum Stage {
        /** Counting rows, feature means and variances, drawing the sample. */
        SUMMARY,
        /** A pass of a streaming initializer such as k-means||. */
        INITIALIZATION,
        /** One k-means iteration (EXACT) or epoch (STOCHASTIC). */
        ITERATION,
        /** Labels and inertia for the returned centroids. */
        FINAL,
        /** A sweep over k: one pass measuring every fitted model's clusters for the scores. */
        SCORES
    }
}
