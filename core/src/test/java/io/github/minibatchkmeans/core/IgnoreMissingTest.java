package io.github.minibatchkmeans.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link MissingValues#IGNORE}: Lloyd over partial distances — a row measured over the features it
 * has, rescaled by d / present, each centroid's feature the weighted mean of its rows that have it —
 * against a plain reference written here, out of core and on any thread count, and on an engine.
 */
class IgnoreMissingTest {
    private static final int D = 5;

    /** Four groups in 5 dimensions, about 10 % of the values missing (never a whole row). */
    private static double[][] withGaps(int n, Random random) {
        double[][] x = new double[n][D];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < D; j++) {
                x[i][j] = j > 0 && random.nextDouble() < 0.1 ? Double.NaN : 4 * ((i % 4) >> (j % 2)) + random.nextGaussian();
            }
        }
        return x;
    }

    /** The reference's partial distance: over the features x has, times d / present. */
    private static double partial(double[] x, double[] c) {
        double sum = 0;
        int present = 0;
        for (int j = 0; j < x.length; j++) {
            if (!Double.isNaN(x[j])) {
                sum += (x[j] - c[j]) * (x[j] - c[j]);
                present++;
            }
        }
        return sum * x.length / present;
    }

    private static int[] assign(double[][] x, double[][] centers) {
        int[] labels = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int c = 0; c < centers.length; c++) {
                double d = partial(x[i], centers[c]);
                if (d < best) {
                    best = d;
                    labels[i] = c;
                }
            }
        }
        return labels;
    }

    /** Plain weighted Lloyd over partial distances until no label changes; per feature, the mean of the values present. */
    private static double[][] reference(double[][] x, double[] w, double[][] start) {
        double[][] centers = start;
        int[] labels = null;
        for (int iteration = 0; iteration < 300; iteration++) {
            int[] next = assign(x, centers);
            if (Arrays.equals(next, labels)) {
                return centers;
            }
            labels = next;
            double[][] sums = new double[centers.length][D];
            double[][] weights = new double[centers.length][D];
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < D; j++) {
                    if (!Double.isNaN(x[i][j])) {
                        sums[labels[i]][j] += w[i] * x[i][j];
                        weights[labels[i]][j] += w[i];
                    }
                }
            }
            double[][] moved = new double[centers.length][D];
            for (int c = 0; c < centers.length; c++) {
                for (int j = 0; j < D; j++) {
                    moved[c][j] = weights[c][j] > 0 ? sums[c][j] / weights[c][j] : centers[c][j];
                }
            }
            centers = moved;
        }
        throw new AssertionError("the reference did not converge");
    }

    private static long missing(double[][] x) {
        return Arrays.stream(x).flatMapToDouble(Arrays::stream).filter(Double::isNaN).count();
    }

    @Test
    void ignoringIsLloydOverPartialDistancesForAnyThreadCountAndBatch() throws Exception {
        Random random = new Random(21);
        double[][] x = withGaps(3000, random);
        double[] w = new double[x.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.5 + random.nextDouble();
        }
        double[][] start = {x[0].clone(), x[1].clone(), x[2].clone(), x[3].clone()};
        for (double[] s : start) { // a start must be complete: the reference's first labels need every feature
            for (int j = 0; j < D; j++) {
                s[j] = Double.isNaN(s[j]) ? 0 : s[j];
            }
        }
        double[][] expected = reference(x, w, start);
        KMeansModel first = null;
        for (int threads : new int[] {1, 3}) {
            MiniBatchKMeans kmeans = new MiniBatchKMeans(KMeansConfig.builder(4).initializer(Initializers.explicit(start))
                    .tolerance(0).threads(threads).batchSize(700).missing(MissingValues.IGNORE).build());
            int[] labels = kmeans.fitPredict(x, w);
            KMeansModel model = kmeans.model();
            assertArrayEquals(assign(x, expected), labels, threads + " threads: the reference's labels");
            for (int c = 0; c < 4; c++) {
                assertArrayEquals(expected[c], model.centroid(c), 1e-9, "centroid " + c);
            }
            double inertia = 0;
            for (int i = 0; i < x.length; i++) {
                inertia += w[i] * partial(x[i], expected[labels[i]]);
            }
            assertEquals(inertia, model.inertia(), 1e-9 * inertia, "Σ w · partial distance");
            assertEquals(missing(x), model.missingValues());
            assertEquals(MissingValues.IGNORE, model.missing());
            first = first == null ? model : first;
            assertArrayEquals(first.centroids(), model.centroids(), "the bits of one thread");
            assertEquals(first.inertia(), model.inertia(), 0.0);
        }
        // a new row is measured over the features it has, as the fit measured its rows
        double[] row = {4, Double.NaN, 0, Double.NaN, 4};
        double[] distances = first.transform(row);
        for (int c = 0; c < 4; c++) {
            assertEquals(Math.sqrt(partial(row, first.centroid(c))), distances[c], 1e-12, "distance to " + c);
        }
        assertEquals(assign(new double[][] {row}, first.centroids())[0], first.predict(row));
        assertArrayEquals(assign(x, first.centroids()), first.predict(x), "a model's predict is the fit's measure");
    }

    @Test
    void theDefaultStartAndASweepWorkOnRowsWithGaps() {
        double[][] x = withGaps(4000, new Random(5));
        double[] ones = new double[x.length];
        Arrays.fill(ones, 1);
        KMeansModel model = new MiniBatchKMeans(KMeansConfig.builder(4).seed(2).tolerance(0).missing(MissingValues.IGNORE)
                .build()).fit(x);
        double[][] moved = reference(x, ones, model.centroids());
        for (int c = 0; c < 4; c++) {
            assertArrayEquals(moved[c], model.centroid(c), 1e-9, "a fixed point of the reference: centroid " + c);
        }
        KSweep sweep = new MiniBatchKMeans(KMeansConfig.builder(2).kMax(5).seed(2).missing(MissingValues.IGNORE).build())
                .sweep(x, null);
        KMeansModel alone = new MiniBatchKMeans(KMeansConfig.builder(4).seed(2).missing(MissingValues.IGNORE).build()).fit(x);
        assertArrayEquals(alone.centroids(), sweep.model(4).centroids(), "a swept k is the fit of that k alone");
        assertEquals(alone.inertia(), sweep.model(4).inertia(), 0.0);
        assertEquals(MissingValues.IGNORE, sweep.model(4).missing());
        assertEquals(missing(x), sweep.model(4).missingValues());
    }

    @Test
    void filesReadEveryPassAndFloat32RowsGiveTheBitsOfTheArray(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        double[][] x = withGaps(6000, new Random(17));
        for (double[] row : x) { // values a float32 file holds exactly
            for (int j = 0; j < D; j++) {
                row[j] = (float) row[j];
            }
        }
        java.nio.file.Path f64 = dir.resolve("gaps64.npy");
        java.nio.file.Path f32 = dir.resolve("gaps32.npy");
        for (boolean float32 : new boolean[] {false, true}) {
            java.nio.ByteBuffer body = java.nio.ByteBuffer.allocate(x.length * D * (float32 ? 4 : 8))
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (double[] row : x) {
                for (double v : row) {
                    if (float32) {
                        body.putFloat((float) v);
                    } else {
                        body.putDouble(v);
                    }
                }
            }
            try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(float32 ? f32 : f64)) {
                out.write(NpySource.header(x.length, D, float32));
                out.write(body.array());
            }
        }
        KMeansConfig base = KMeansConfig.builder(4).seed(6).tolerance(0).missing(MissingValues.IGNORE).batchSize(900).build();
        KMeansModel array = new MiniBatchKMeans(base).fit(x);
        for (double fraction : new double[] {0.5, 1e-9}) { // rows kept in memory; read from the file every pass
            for (java.nio.file.Path file : new java.nio.file.Path[] {f64, f32}) {
                KMeansModel read = new MiniBatchKMeans(base.toBuilder().heapFraction(fraction).threads(2).build())
                        .fit(new NpySource(file));
                String where = file.getFileName() + ", heap fraction " + fraction;
                assertArrayEquals(array.centroids(), read.centroids(), where);
                assertEquals(array.inertia(), read.inertia(), 0.0, where);
                assertEquals(array.missingValues(), read.missingValues(), where);
            }
        }
    }

    @Test
    void anEnginesPartsGiveTheLocalFit() {
        double[][] x = withGaps(4000, new Random(12));
        double[][] start = {{0, 0, 0, 0, 0}, {4, 0, 4, 0, 4}, {0, 4, 0, 4, 0}, {4, 4, 4, 4, 4}};
        KMeansConfig config = KMeansConfig.builder(4).initializer(Initializers.explicit(start)).tolerance(0)
                .missing(MissingValues.IGNORE).build();
        KMeansModel local = new MiniBatchKMeans(config).fit(x);
        KMeansModel three = new MiniBatchKMeans(config).fit(new PartsEngine(x, 3));
        assertArrayEquals(local.predict(x), three.predict(x), "the same partition");
        for (int c = 0; c < 4; c++) {
            assertArrayEquals(local.centroid(c), three.centroid(c), 1e-9, "centroid " + c);
        }
        assertEquals(missing(x), three.missingValues());
        assertEquals(MissingValues.IGNORE, three.missing());
    }

    @Test
    void completeDataGivesTheBitsOfImputing() {
        double[][] x = withGaps(3000, new Random(9));
        for (double[] row : x) {
            for (int j = 0; j < D; j++) {
                row[j] = Double.isNaN(row[j]) ? 1 : row[j];
            }
        }
        KMeansConfig config = KMeansConfig.builder(4).seed(4).build();
        KMeansModel imputed = new MiniBatchKMeans(config).fit(x);
        KMeansModel ignored = new MiniBatchKMeans(config.toBuilder().missing(MissingValues.IGNORE).build()).fit(x);
        assertArrayEquals(imputed.centroids(), ignored.centroids());
        assertEquals(imputed.inertia(), ignored.inertia(), 0.0);
        assertEquals(0, ignored.missingValues());
    }

    @Test
    void ignoringNeedsExactPassesAndTheEuclideanMetric() {
        for (KMeansConfig.Builder b : new KMeansConfig.Builder[] {KMeansConfig.builder(3).mode(Mode.STOCHASTIC),
                KMeansConfig.builder(3).metric(Metric.COSINE)}) {
            InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> b.missing(MissingValues.IGNORE).build());
            assertTrue(e.getMessage().startsWith("missing: ignore measures rows by partial Euclidean distances"), e.getMessage());
        }
    }
}
