package io.github.minibatchkmeans.core.internal.stats;

/**
 * What one Lloyd pass gave for one start: the new means (empty clusters relocated, {@code
 * relocated} of them), the weights and inertia of the assignment, and the work saved — rows not
 * scored against every centroid and blocks not read.
 */
public record PassOutcome(double[][] means, double[] weights, double inertia, long rowsSettled, long blocksUnread,
        int relocated) {
}
