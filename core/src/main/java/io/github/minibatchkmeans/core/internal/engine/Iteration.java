package io.github.minibatchkmeans.core.internal.engine;

/**
 * One iteration of a fit, as the engine records it (the facade's {@code IterationRecord}).
 *
 * @param inertia      weighted sum of squared distances of the pass to the centroids it assigned with
 * @param shift        sum over centroids of the squared distance each moved
 * @param rowsPruned   rows the pruning bounds settled
 * @param blocksUnread blocks not read from the source
 */
public record Iteration(double inertia, double shift, long rowsPruned, long blocksUnread) {
    Iteration(double inertia, double shift) {
        this(inertia, shift, 0, 0);
    }
}
