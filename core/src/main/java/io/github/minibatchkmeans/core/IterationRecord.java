package io.github.minibatchkmeans.core;

/**
 * One iteration of a fit.
 *
 * @param inertia weighted sum of squared distances of the pass to the centroids it assigned with
 *                (STOCHASTIC: the smoothed batch inertia per row at the end of the epoch)
 * @param shift   sum over centroids of the squared distance each one moved
 */
public record IterationRecord(double inertia, double shift) implements java.io.Serializable {
}
