package io.github.minibatchkmeans.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Cosine (spherical) k-means against a plain reference written here: rows scaled to unit length,
 * each row to the centroid of the largest cosine, centroids the normalized sums of their rows.
 */
class CosineTest {
    /** Rows around {@code k} random directions (a few radians apart), at random lengths: only directions matter. */
    private static double[][] directions(int n, int d, int k, long seed) {
        Random random = new Random(seed);
        double[][] axes = new double[k][d];
        for (double[] axis : axes) {
            for (int j = 0; j < d; j++) {
                axis[j] = random.nextGaussian();
            }
        }
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            double length = 0.1 + 10 * random.nextDouble();
            for (int j = 0; j < d; j++) {
                x[i][j] = length * (axes[i % k][j] + 0.3 * random.nextGaussian());
            }
        }
        return x;
    }

    private static double[] unit(double[] v) {
        double norm = 0;
        for (double value : v) {
            norm += value * value;
        }
        double[] u = v.clone();
        for (int j = 0; j < u.length; j++) {
            u[j] /= Math.sqrt(norm);
        }
        return u;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    /** The reference: returns the labels; {@code centers} (unit length) is updated in place until no label changes. */
    private static int[] spherical(double[][] x, double[][] centers, double[] weights) {
        int[] labels = null;
        for (int iteration = 0; iteration < 300; iteration++) {
            int[] next = new int[x.length];
            for (int i = 0; i < x.length; i++) {
                double[] u = unit(x[i]);
                for (int c = 1; c < centers.length; c++) {
                    if (dot(u, centers[c]) > dot(u, centers[next[i]])) {
                        next[i] = c;
                    }
                }
            }
            if (java.util.Arrays.equals(next, labels)) {
                return labels;
            }
            labels = next;
            double[][] sums = new double[centers.length][x[0].length];
            for (int i = 0; i < x.length; i++) {
                double[] u = unit(x[i]);
                for (int j = 0; j < u.length; j++) {
                    sums[labels[i]][j] += weights[i] * u[j];
                }
            }
            for (int c = 0; c < centers.length; c++) {
                centers[c] = unit(sums[c]);
            }
        }
        throw new IllegalStateException("no convergence");
    }

    private static double[][] start(double[][] x, int k) {
        double[][] start = new double[k][];
        for (int c = 0; c < k; c++) {
            start[c] = unit(x[c]);
        }
        return start;
    }

    @Test
    void exactCosineIsSphericalKMeansFromTheSameStart() {
        double[][] x = directions(3000, 12, 5, 1);
        double[] weights = new double[x.length];
        Random random = new Random(2);
        for (int i = 0; i < weights.length; i++) {
            weights[i] = 0.5 + random.nextDouble();
        }
        double[][] centers = start(x, 5);
        int[] expected = spherical(x, centers, weights);
        for (int threads : new int[] {1, 3}) {
            KMeansConfig config = KMeansConfig.builder(5).metric(Metric.COSINE).initializer(Initializers.explicit(start(x, 5)))
                    .tolerance(0).threads(threads).build();
            MiniBatchKMeans kmeans = new MiniBatchKMeans(config);
            int[] labels = kmeans.fitPredict(x, weights);
            KMeansModel model = kmeans.model();
            assertArrayEquals(expected, labels, threads + " threads");
            double inertia = 0;
            for (int c = 0; c < 5; c++) {
                assertArrayEquals(centers[c], model.centroid(c), 1e-12, "centroid " + c);
                assertEquals(1, Math.sqrt(dot(model.centroid(c), model.centroid(c))), 1e-12, "unit length");
            }
            for (int i = 0; i < x.length; i++) {
                inertia += weights[i] * (1 - dot(unit(x[i]), centers[expected[i]]));
            }
            assertEquals(inertia, model.inertia(), 1e-9 * inertia, "inertia is the weighted sum of 1 - cos");
            assertEquals(Metric.COSINE, model.metric());
        }
    }

    @Test
    void theSameSeedGivesTheSameBitsForAnyThreadCountAndBatchSize() {
        double[][] x = directions(20_000, 8, 6, 3);
        KMeansModel one = new MiniBatchKMeans(KMeansConfig.builder(6).metric(Metric.COSINE).seed(4).threads(1).build()).fit(x);
        KMeansModel two = new MiniBatchKMeans(KMeansConfig.builder(6).metric(Metric.COSINE).seed(4).threads(2).batchSize(777)
                .build()).fit(x);
        assertArrayEquals(one.centroids(), two.centroids());
        assertEquals(one.inertia(), two.inertia(), 0.0);
    }

    /** Rows kept prepared after the first pass (a file) give the bits of rows prepared as they are read (an array). */
    @Test
    void aFileAndAnArrayGiveTheSameBits(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        double[][] x = directions(6000, 7, 4, 11);
        java.nio.file.Path file = dir.resolve("x.npy");
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(x.length * 7 * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (double[] row : x) {
            for (double v : row) {
                bytes.putDouble(v);
            }
        }
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(file)) {
            out.write(NpySource.header(x.length, 7, false));
            out.write(bytes.array());
        }
        for (Mode mode : new Mode[] {Mode.EXACT, Mode.STOCHASTIC}) {
            KMeansConfig config = KMeansConfig.builder(4).metric(Metric.COSINE).mode(mode).seed(8).threads(2).build();
            KMeansModel fromFile = new MiniBatchKMeans(config).fit(new NpySource(file));
            KMeansModel fromArray = new MiniBatchKMeans(config).fit(x);
            assertArrayEquals(fromArray.centroids(), fromFile.centroids(), mode.name());
            assertEquals(fromArray.inertia(), fromFile.inertia(), 0.0, mode.name());
        }
    }

    @Test
    void aModelPredictsAndMeasuresByCosine() {
        double[][] x = directions(2000, 6, 3, 5);
        KMeansModel model = new MiniBatchKMeans(KMeansConfig.builder(3).metric(Metric.COSINE).seed(1).build()).fit(x);
        double[] row = x[17].clone();
        for (int j = 0; j < row.length; j++) {
            row[j] *= 1000; // length does not matter
        }
        double[] distances = model.transform(row);
        int best = 0;
        for (int c = 0; c < 3; c++) {
            assertEquals(1 - dot(unit(row), model.centroid(c)), distances[c], 1e-12, "1 - cos to centroid " + c);
            best = distances[c] < distances[best] ? c : best;
        }
        assertEquals(best, model.predict(row));
        assertEquals(model.predict(x[17]), model.predict(row));
    }

    @Test
    void stochasticAndOnePassModesKeepUnitCentroids() {
        double[][] x = directions(5000, 10, 4, 7);
        for (Mode mode : new Mode[] {Mode.STOCHASTIC, Mode.ONE_PASS}) {
            KMeansModel model = new MiniBatchKMeans(KMeansConfig.builder(4).metric(Metric.COSINE).mode(mode).seed(2).build())
                    .fit(x);
            for (double[] c : model.centroids()) {
                assertEquals(1, Math.sqrt(dot(c, c)), 1e-9, mode + ": unit centroids");
            }
            assertTrue(model.inertia() >= 0 && model.inertia() < 0.2 * x.length, mode + ": inertia " + model.inertia());
        }
    }

    @Test
    void aRowOfZerosIsRefusedWithItsNumber() {
        double[][] x = directions(1000, 4, 2, 9);
        x[321] = new double[4];
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new MiniBatchKMeans(KMeansConfig.builder(2).metric(Metric.COSINE).build()).fit(x));
        assertTrue(e.getMessage().endsWith("row 321 is all zeros: the cosine metric needs a direction"), e.getMessage());
        KMeansModel model = new MiniBatchKMeans(KMeansConfig.builder(2).metric(Metric.COSINE).seed(1).build())
                .fit(directions(1000, 4, 2, 9));
        assertThrows(InvalidInputException.class, () -> model.predict(new double[4]));
    }
}
