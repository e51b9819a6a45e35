package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.engine.AssignmentSink;
import io.github.minibatchkmeans.core.engine.KMeansEngine;
import io.github.minibatchkmeans.core.model.KMeansModel;
import io.github.minibatchkmeans.core.source.BatchSource;
import java.io.IOException;
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
        AssignmentSink sink = (row, label, dist) -> labels[(int) row] = label;
        KMeansEngine.assign(model, source, 2, 1000, sink);
        return labels;
    }
}
