package io.github.minibatchkmeans.core.internal.stats;

import java.util.Arrays;

/**
 * The heart of the method: per-centroid weighted sum-vectors and total weights, plus the
 * weighted inertia and the points farthest from their centroid. All of it is additive, so
 * statistics of disjoint row sets {@link #merge merge} into the statistics of their union, and a
 * Lloyd update is just {@code sum / weight} once every row has been added.
 */
public final class ClusterStatistics {
    private final int k;
    private final int dims;
    private final double[] sums;
    private final double[] weights;
    private double inertia;
    private final TopRows farthest;

    /** @param farthestToKeep how many far points to remember for empty-cluster relocation (0 for none) */
    public ClusterStatistics(int k, int dims, int farthestToKeep) {
        this.k = k;
        this.dims = dims;
        this.sums = new double[k * dims];
        this.weights = new double[k];
        this.farthest = new TopRows(farthestToKeep, dims);
    }

    public int k() {
        return k;
    }

    public int dims() {
        return dims;
    }

    /**
     * Adds one row: {@code data[offset .. offset+dims)} with weight {@code w}, assigned to
     * {@code cluster} at squared distance {@code distance}; {@code row} is its global index.
     */
    public void add(double[] data, int offset, double w, int cluster, double distance, long row) {
        int base = cluster * dims;
        for (int j = 0; j < dims; j++) {
            sums[base + j] += w * data[offset + j];
        }
        weights[cluster] += w;
        inertia += w * distance;
        if (w > 0) {
            farthest.offer(distance, row, w, cluster, data, offset);
        }
    }

    /** Adds {@code other}'s statistics to these. */
    public void merge(ClusterStatistics other) {
        for (int i = 0; i < sums.length; i++) {
            sums[i] += other.sums[i];
        }
        for (int c = 0; c < k; c++) {
            weights[c] += other.weights[c];
        }
        inertia += other.inertia;
        farthest.merge(other.farthest);
    }

    public void reset() {
        Arrays.fill(sums, 0);
        Arrays.fill(weights, 0);
        inertia = 0;
        farthest.clear();
    }

    /** Total weight of the rows assigned to {@code cluster}. */
    public double weight(int cluster) {
        return weights[cluster];
    }

    /** Weighted sum of feature {@code j} over the rows assigned to {@code cluster}. */
    public double sum(int cluster, int j) {
        return sums[cluster * dims + j];
    }

    public double[] weights() {
        return weights.clone();
    }

    /** Sum over rows of weight × squared distance to the assigned centroid. */
    public double inertia() {
        return inertia;
    }

    /**
     * Moves every empty cluster onto one of the points farthest from its centroid in this pass,
     * taking that point's weight and sum out of its old cluster (scikit-learn's rule). Points are
     * taken farthest first (ties: lower row index); a point is skipped if taking it would empty its
     * own cluster.
     *
     * @return the number of clusters relocated
     */
    public int relocateEmptyClusters() {
        int relocated = 0;
        int[] order = farthest.slotsBestFirst();
        int next = 0;
        for (int empty = 0; empty < k; empty++) {
            if (weights[empty] > 0) {
                continue;
            }
            while (next < order.length) {
                int p = order[next++];
                int old = farthest.tag(p);
                double w = farthest.weight(p);
                if (weights[old] - w <= 0 || weights[old] == 0) {
                    continue;
                }
                int oldBase = old * dims;
                int newBase = empty * dims;
                for (int j = 0; j < dims; j++) {
                    double v = farthest.value(p, j) * w;
                    sums[oldBase + j] -= v;
                    sums[newBase + j] = v;
                }
                weights[old] -= w;
                weights[empty] = w;
                relocated++;
                break;
            }
        }
        return relocated;
    }

    /**
     * The weighted means {@code sum / weight}; a cluster without weight keeps its row of
     * {@code previous}.
     */
    public double[][] means(double[][] previous) {
        double[][] means = new double[k][];
        for (int c = 0; c < k; c++) {
            if (weights[c] > 0) {
                means[c] = new double[dims];
                double inverse = 1.0 / weights[c];
                for (int j = 0; j < dims; j++) {
                    means[c][j] = sums[c * dims + j] * inverse;
                }
            } else {
                means[c] = previous[c].clone();
            }
        }
        return means;
    }
}
