package io.github.minibatchkmeans.core.internal.stats;

/**
 * One fitted model's clusters over every row, for the scores of a sweep over k: each cluster's
 * weight, the mean of its rows, the weighted sum of their distances (not squared) to the centroid,
 * and the inertia (the weighted sum of squared distances).
 */
public record ClusterSpread(double[] weights, double[][] means, double[] distances, double inertia) {

    /** The spread of a pass's statistics, gathered {@link ClusterStatistics#withSpread with} the distances. */
    public static ClusterSpread of(ClusterStatistics statistics, double[][] centers) {
        return new ClusterSpread(statistics.weights(), statistics.means(centers), statistics.spread(), statistics.inertia());
    }
}
