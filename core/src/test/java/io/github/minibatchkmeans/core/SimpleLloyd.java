package io.github.minibatchkmeans.core;

/**
 * A deliberately plain in-memory Lloyd, written independently of the engine to check it:
 * direct squared differences, ties to the lowest index, means by summing rows, scikit-learn's
 * stopping rule (labels unchanged, or total squared shift ≤ tol × mean variance).
 */
public final class SimpleLloyd {
    public double[][] centers;
    public int[] labels;
    public int iterations;

    public SimpleLloyd(double[][] x, double[][] init, double tol, int maxIter) {
        int n = x.length;
        int d = x[0].length;
        int k = init.length;
        double threshold = tol * meanVariance(x);
        centers = new double[k][];
        for (int c = 0; c < k; c++) {
            centers[c] = init[c].clone();
        }
        int[] previous = null;
        for (iterations = 1; iterations <= maxIter; iterations++) {
            labels = assign(x, centers);
            double[][] next = new double[k][d];
            int[] counts = new int[k];
            for (int i = 0; i < n; i++) {
                counts[labels[i]]++;
                for (int j = 0; j < d; j++) {
                    next[labels[i]][j] += x[i][j];
                }
            }
            double shift = 0;
            for (int c = 0; c < k; c++) {
                if (counts[c] == 0) {
                    throw new IllegalStateException("empty cluster: pick other test data");
                }
                for (int j = 0; j < d; j++) {
                    next[c][j] /= counts[c];
                    shift += (next[c][j] - centers[c][j]) * (next[c][j] - centers[c][j]);
                }
            }
            centers = next;
            if (java.util.Arrays.equals(labels, previous) || shift <= threshold) {
                break;
            }
            previous = labels;
        }
        iterations = Math.min(iterations, maxIter);
        labels = assign(x, centers);
    }

    public static int[] assign(double[][] x, double[][] centers) {
        int[] labels = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int c = 0; c < centers.length; c++) {
                double dist = 0;
                for (int j = 0; j < x[i].length; j++) {
                    dist += (x[i][j] - centers[c][j]) * (x[i][j] - centers[c][j]);
                }
                if (dist < best) {
                    best = dist;
                    labels[i] = c;
                }
            }
        }
        return labels;
    }

    static double meanVariance(double[][] x) {
        int d = x[0].length;
        double total = 0;
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[j];
            }
            mean /= x.length;
            double var = 0;
            for (double[] row : x) {
                var += (row[j] - mean) * (row[j] - mean);
            }
            total += var / x.length;
        }
        return total / d;
    }
}
