package io.github.minibatchkmeans.core.internal.metric;

import io.github.minibatchkmeans.core.internal.rows.Rows;
import io.github.minibatchkmeans.core.spi.InvalidInputException;

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
    EUCLIDEAN,

    /**
     * Cosine distance, spherical k-means (Dhillon &amp; Modha 2001): rows scaled to unit length as
     * read, centroids the normalized weighted means (the mean direction, which maximizes the summed
     * cosine), reported as {@code 1 − cos} — half the squared distance of unit vectors, the cost
     * Spark's cosine k-means reports. A row of zeros has no direction and is refused.
     */
    COSINE {
        @Override
        public boolean preparesRows() {
            return true;
        }

        @Override
        public void prepare(Rows rows, int from, int to) {
            for (int i = from; i < to; i++) {
                double squared = rows.squaredNorm(i);
                if (squared == 0) {
                    throw new InvalidInputException("row " + rows.rowIndex(i) + " is all zeros: the cosine metric needs a "
                            + "direction");
                }
                if (Double.isFinite(squared)) { // NaN or infinite values: left for the value check to name
                    rows.scale(i, 1 / Math.sqrt(squared));
                }
            }
        }

        @Override
        public void finish(double[][] means) {
            for (double[] mean : means) {
                double squared = 0;
                for (double v : mean) {
                    squared += v * v;
                }
                if (squared > 0) { // a mean of unit rows is zero only where they cancel: kept, it is as far from all
                    double scale = 1 / Math.sqrt(squared);
                    for (int j = 0; j < mean.length; j++) {
                        mean[j] *= scale;
                    }
                }
            }
        }

        @Override
        public double reported(double squared) {
            return squared / 2; // ‖x − c‖² = 2 − 2·cos for unit x and c
        }

        @Override
        public double distance(double squared) {
            return squared / 2;
        }
    };

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

    /** The distance of a row to a centroid that {@code transform} gives, from their squared Euclidean distance. */
    public double distance(double squared) {
        return Math.sqrt(squared);
    }
}
