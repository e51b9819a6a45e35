package io.github.minibatchkmeans.core.internal.stats;

import io.github.minibatchkmeans.core.internal.pass.PassRunner;
import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The mean silhouette (Rousseeuw 1987) of several labellings of the same rows — a sweep's models
 * over its sample — with each row's distances to all others computed once and shared by every
 * labelling. Rows are weighted (a weight counts as that many copies): a(i) is the weighted mean
 * distance to the other rows of its cluster, b(i) the lowest weighted mean distance to another
 * cluster's rows, s(i) = (b − a) / max(a, b), 0 for a row alone in its cluster (scikit-learn's rule).
 * Each row's value is computed on its own (on the passes' shared threads) and they are summed in
 * row order: the same bits for any thread count.
 */
public final class Silhouette {
    /** Rows a thread takes at a time: one distance buffer each. */
    private static final int CHUNK_ROWS = 64;

    private Silhouette() {
    }

    /**
     * The weighted mean silhouette of each labelling in {@code labels} (labelling m gives row i the
     * cluster {@code labels.get(m)[i]} below {@code ks[m]}) of the {@code n} rows of {@code dims}
     * values in {@code data}, computed on {@code threads} threads; NaN where all rows share one cluster.
     */
    public static double[] of(double[] data, double[] weights, int n, int dims, List<int[]> labels, int[] ks, int threads)
            throws IOException {
        int models = labels.size();
        Grouping[] groupings = new Grouping[models];
        for (int m = 0; m < models; m++) {
            groupings[m] = new Grouping(labels.get(m), weights, n, ks[m]);
        }
        double[][] perRow = new double[models][n];
        double[] columns = new double[n * dims]; // feature-major: a row's distances to all rows are then loops the JIT vectorizes
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < dims; f++) {
                columns[f * n + i] = data[i * dims + f];
            }
        }
        int chunks = (n + CHUNK_ROWS - 1) / CHUNK_ROWS;
        PassRunner.forEachIndex(chunks, threads, c -> {
            double[] weighted = new double[n]; // one buffer per chunk of rows, not per row
            for (int i = c * CHUNK_ROWS, end = Math.min(n, i + CHUNK_ROWS); i < end; i++) {
                rowSilhouettes(columns, weights, n, dims, groupings, i, perRow, weighted);
            }
        });
        double[] means = new double[models];
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += weights[i];
        }
        for (int m = 0; m < models; m++) {
            if (distinct(labels.get(m), n) < 2) {
                means[m] = Double.NaN;
                continue;
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += weights[i] * perRow[m][i];
            }
            means[m] = sum / total;
        }
        return means;
    }

    /**
     * One labelling's rows grouped by cluster (a counting sort), with each cluster's weight: a
     * row's weighted distance sum to a cluster is then a run of independent loads, not a chain of
     * additions into the same few accumulators (which a small k makes wait on each other).
     */
    private record Grouping(int[] label, int[] order, int[] starts, double[] mass) {
        Grouping(int[] label, double[] weights, int n, int k) {
            this(label, new int[n], new int[k + 1], new double[k]);
            for (int i = 0; i < n; i++) {
                starts[label[i] + 1]++;
                mass[label[i]] += weights[i];
            }
            for (int c = 0; c < k; c++) {
                starts[c + 1] += starts[c];
            }
            int[] next = java.util.Arrays.copyOf(starts, k);
            for (int i = 0; i < n; i++) {
                order[next[label[i]]++] = i;
            }
        }
    }

    /** Row {@code i}'s silhouette under every labelling, into {@code perRow[m][i]}. */
    private static void rowSilhouettes(double[] columns, double[] weights, int n, int dims, Grouping[] groupings, int i,
                                       double[][] perRow, double[] weighted) {
        java.util.Arrays.fill(weighted, 0); // becomes weight × distance to row i
        for (int f = 0; f < dims; f++) {
            double value = columns[f * n + i];
            int at = f * n;
            for (int j = 0; j < n; j++) {
                double diff = columns[at + j] - value;
                weighted[j] += diff * diff;
            }
        }
        for (int j = 0; j < n; j++) {
            weighted[j] = weights[j] * Math.sqrt(weighted[j]);
        }
        weighted[i] = 0;
        for (int m = 0; m < groupings.length; m++) {
            Grouping g = groupings[m];
            int own = g.label()[i];
            double others = g.mass()[own] - weights[i];
            if (others <= 0) {
                perRow[m][i] = 0; // alone in its cluster
                continue;
            }
            double a = sum(weighted, g.order(), g.starts()[own], g.starts()[own + 1]) / others;
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < g.mass().length; c++) {
                if (c != own && g.mass()[c] > 0) {
                    b = Math.min(b, sum(weighted, g.order(), g.starts()[c], g.starts()[c + 1]) / g.mass()[c]);
                }
            }
            double larger = Math.max(a, b);
            perRow[m][i] = b == Double.POSITIVE_INFINITY || larger == 0 ? 0 : (b - a) / larger;
        }
    }

    /** {@code Σ values[order[t]]} over {@code from ≤ t < to}, in four running sums so that the loads overlap. */
    private static double sum(double[] values, int[] order, int from, int to) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int t = from;
        for (; t + 4 <= to; t += 4) {
            s0 += values[order[t]];
            s1 += values[order[t + 1]];
            s2 += values[order[t + 2]];
            s3 += values[order[t + 3]];
        }
        for (; t < to; t++) {
            s0 += values[order[t]];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static int distinct(int[] labels, int n) {
        return (int) IntStream.range(0, n).map(i -> labels[i]).distinct().limit(2).count();
    }
}
