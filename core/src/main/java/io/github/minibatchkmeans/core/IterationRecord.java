package io.github.minibatchkmeans.core;

/**
 * One iteration of a fit.
 *
 * @param inertia      weighted sum of squared distances of the pass to the centroids it assigned with
 *                     (STOCHASTIC: the sum of the batch inertias of the epoch)
 * @param shift        sum over centroids of the squared distance each one moved
 * @param rowsPruned   rows whose label the pruning bounds settled, without scoring them against every centroid
 * @param blocksUnread blocks of rows the pass did not read from the source: their bounds proved them
 *                     unchanged, or every row they did not prove was held in memory
 * @serial exclude
 */
public record IterationRecord(double inertia, double shift, long rowsPruned, long blocksUnread)
        implements java.io.Serializable {

    /**
     * An iteration without pruning.
     *
     * @param inertia weighted sum of squared distances of the pass
     * @param shift   sum over centroids of the squared distance each one moved
     */
    public IterationRecord(double inertia, double shift) {
        this(inertia, shift, 0, 0);
    }
}
