package io.github.minibatchkmeans.core;

/** How rows and centroids are compared. */
public enum Metric {
    /** Squared Euclidean distance: Lloyd's k-means, centroids are weighted means. */
    EUCLIDEAN
}
