package io.github.minibatchkmeans.core.internal.stats;

/**
 * The scores of one fitted model that follow from its clusters' additive statistics
 * ({@link ClusterSpread}) and the data's ({@link DataSummary}): no row is looked at again. As
 * scikit-learn computes them from labels, with every row's weight as its count; clusters without
 * weight do not count.
 */
public final class ClusterScores {
    private ClusterScores() {
    }

    /**
     * Calinski–Harabasz (1974): between-cluster over within-cluster dispersion, each per degree of
     * freedom. Both are about the means of the clusters' rows, as scikit-learn's: the within part is
     * the inertia less what the centroids' offsets from those means add (Σ w‖x−c‖² = Σ w‖x−m‖² + W‖m−c‖²).
     */
    public static double calinskiHarabasz(ClusterSpread spread, double[][] centers, DataSummary data) {
        int k = occupied(spread);
        double total = data.totalWeight();
        if (k < 2) {
            return Double.NaN;
        }
        double between = 0;
        double offsets = 0;
        for (int c = 0; c < centers.length; c++) {
            double w = spread.weights()[c];
            if (w > 0) {
                between += w * squaredDistance(spread.means()[c], data.mean());
                offsets += w * squaredDistance(spread.means()[c], centers[c]);
            }
        }
        double within = Math.max(0, spread.inertia() - offsets);
        return within == 0 ? 1.0 : between * (total - k) / (within * (k - 1)); // scikit-learn's 1.0 for zero dispersion
    }

    /**
     * Davies–Bouldin (1979): the mean over clusters of the worst ratio (s_i + s_j) / d(c_i, c_j),
     * s the mean distance of a cluster's rows to its centroid; lower is better. Distances are to the
     * model's centroids (the means of their clusters at a fixed point, within the tolerance otherwise).
     */
    public static double daviesBouldin(ClusterSpread spread, double[][] centers) {
        int k = centers.length;
        if (occupied(spread) < 2) {
            return Double.NaN;
        }
        double[] scatter = new double[k];
        for (int c = 0; c < k; c++) {
            scatter[c] = spread.weights()[c] > 0 ? spread.distances()[c] / spread.weights()[c] : 0;
        }
        double sum = 0;
        int counted = 0;
        for (int a = 0; a < k; a++) {
            if (spread.weights()[a] <= 0) {
                continue;
            }
            double worst = 0;
            for (int b = 0; b < k; b++) {
                double apart = b == a || spread.weights()[b] <= 0 ? 0 : Math.sqrt(squaredDistance(centers[a], centers[b]));
                if (apart > 0) { // coinciding centroids count as infinitely far, as scikit-learn's
                    worst = Math.max(worst, (scatter[a] + scatter[b]) / apart);
                }
            }
            sum += worst;
            counted++;
        }
        return sum / counted;
    }

    /**
     * The Bayesian information criterion of X-means (Pelleg &amp; Moore 2000, eq. 2 and the
     * log-likelihood of section 3.2): identical spherical Gaussians of variance σ² = inertia / (R − K)
     * with mixing weights R_n / R, and (K − 1) + d·K + 1 parameters; higher is better.
     */
    public static double bic(ClusterSpread spread, int dims, DataSummary data) {
        int k = occupied(spread);
        double rows = data.totalWeight();
        if (rows <= k) {
            return Double.NaN;
        }
        double variance = spread.inertia() / (rows - k);
        if (variance <= 0) {
            return Double.POSITIVE_INFINITY; // every row on its centroid
        }
        double logLikelihood = 0;
        for (double rn : spread.weights()) {
            if (rn > 0) {
                logLikelihood += rn * Math.log(rn) - rn * Math.log(rows) - rn / 2 * Math.log(2 * Math.PI)
                        - rn * dims / 2.0 * Math.log(variance) - (rn - k) / 2;
            }
        }
        double parameters = (k - 1) + (double) dims * k + 1;
        return logLikelihood - parameters / 2 * Math.log(rows);
    }

    /** Clusters with weight. */
    private static int occupied(ClusterSpread spread) {
        int k = 0;
        for (double w : spread.weights()) {
            k += w > 0 ? 1 : 0;
        }
        return k;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            double d = a[j] - b[j];
            sum += d * d;
        }
        return sum;
    }
}
