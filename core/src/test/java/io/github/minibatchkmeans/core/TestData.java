package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.BatchReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded test data. */
public final class TestData {
    private TestData() {
    }

    public static double[][] uniform(int n, int d, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = random.nextDouble() * 10 - 5;
            }
        }
        return x;
    }

    /** {@code n} points around {@code k} well-separated centers ({@code spacing} apart on a diagonal), unit noise. */
    public static double[][] blobs(int n, int d, int k, double spacing, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            int c = i % k;
            for (int j = 0; j < d; j++) {
                x[i][j] = (j == c % d ? spacing * (c + 1) : 0) + (j == 0 ? spacing * c : 0) + random.nextGaussian();
            }
        }
        return x;
    }

    public static double[][] rows(double[][] x, int from, int to) {
        return java.util.Arrays.copyOfRange(x, from, to);
    }

    public static int[] labels(KMeansModel model, BatchSource source, long n) throws IOException {
        int[] labels = new int[(int) n];
        model.predict(source, (row, label, dist) -> labels[(int) row] = label);
        return labels;
    }

    /** Reads a whole source in batches of {@code batch} rows; returns rows with the weight appended. */
    public static List<double[]> readAll(BatchSource source, int batch) throws IOException {
        int d = source.dimensions();
        List<double[]> out = new ArrayList<>();
        double[] data = new double[batch * d];
        double[] w = new double[batch];
        try (BatchReader reader = source.open()) {
            int n;
            while ((n = reader.read(data, w, batch)) > 0) {
                for (int i = 0; i < n; i++) {
                    double[] row = new double[d + 1];
                    System.arraycopy(data, i * d, row, 0, d);
                    row[d] = w[i];
                    out.add(row);
                }
            }
        }
        return out;
    }
}
