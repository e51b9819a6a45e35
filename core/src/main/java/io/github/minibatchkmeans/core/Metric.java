package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.internal.metric.Geometry;

/** How rows and centroids are compared. */
public enum Metric {
    /** Squared Euclidean distance: Lloyd's k-means, centroids are weighted means. */
    EUCLIDEAN,
    /**
     * Cosine distance, spherical k-means (Dhillon &amp; Modha 2001): rows scaled to unit length as they
     * are read, centroids the normalized weighted means, costs {@code 1 − cos}; a row of zeros is refused.
     */
    COSINE;

    /** The engine's rules for this metric. */
    Geometry geometry() {
        return Geometry.valueOf(name());
    }
}
