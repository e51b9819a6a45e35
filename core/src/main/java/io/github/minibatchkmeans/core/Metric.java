package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.internal.metric.Geometry;

/** How rows and centroids are compared. */
public enum Metric {
    /** Squared Euclidean distance: Lloyd's k-means, centroids are weighted means. */
    EUCLIDEAN;

    /** The engine's rules for this metric. */
    Geometry geometry() {
        return Geometry.valueOf(name());
    }
}
