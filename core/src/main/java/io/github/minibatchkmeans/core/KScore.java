package io.github.minibatchkmeans.core;

import java.io.Serializable;

/**
 * One k of a sweep ({@link MiniBatchKMeans#sweep}) and how well its model fits, each score
 * computed as scikit-learn's is from labels, with a row's weight as its count.
 *
 * @param k the number of clusters
 * @param inertia the weighted sum of squared distances to the nearest centroid, over every row (lower is better)
 * @param calinskiHarabasz between- over within-cluster dispersion per degree of freedom, over every row (higher is better)
 * @param daviesBouldin the mean over clusters of the worst (s_i + s_j) / d(c_i, c_j), s the mean distance of a
 *                      cluster's rows to its centroid, over every row (lower is better)
 * @param bic X-means' Bayesian information criterion (Pelleg &amp; Moore 2000), over every row (higher is better)
 * @param silhouette the mean silhouette on the sweep's sample of rows (higher is better)
 * @param iterations the model's iterations
 * @param converged true if the model converged before the iteration cap
 */
public record KScore(int k, double inertia, double calinskiHarabasz, double daviesBouldin, double bic, double silhouette,
                     int iterations, boolean converged) implements Serializable {
}
