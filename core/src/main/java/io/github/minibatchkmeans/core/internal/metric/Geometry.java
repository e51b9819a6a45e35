package io.github.minibatchkmeans.core.internal.metric;

import io.github.minibatchkmeans.core.internal.rows.Rows;

/**
 * How rows and centroids are compared — the metric seam. Every metric here is Lloyd's algorithm on
 * rows prepared as they are read, ranked by the squared Euclidean kernel, with centroids finished
 * from the weighted means; so a metric is three small rules, applied by the engine in one place
 * each: {@link #prepare} where rows are read, {@link #finish} where an update forms centroids,
 * {@link #reported} where a distance or an inertia leaves the engine. Spherical k-means (cosine)
 * fits here: rows scaled to unit length as read, centroids normalized means (Dhillon &amp; Modha
 * 2001), distances {@code ‖x−c‖²/2 = 1 − cos}. An enum, so that statistics shipped to other
 * machines carry it.
 */
public enum Geometry {
    /** Squared Euclidean distance: rows as they are, centroids the weighted means. */
    EUCLIDEAN;

    /** True if {@link #prepare} changes rows (then rows held elsewhere are copied before they are prepared). */
    public boolean preparesRows() {
        return false;
    }

    /** Prepares rows {@code [from, to)} of {@code rows} in place, as they are read. */
    public void prepare(Rows rows, int from, int to) {
    }

    /** Turns the weighted means of an update into its centroids, in place. */
    public void finish(double[][] means) {
    }

    /** A squared Euclidean distance between prepared rows and centroids (or a sum of them), as users are told it. */
    public double reported(double squared) {
        return squared;
    }
}
