package io.github.minibatchkmeans.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link MissingValues#IMPUTE}: a fit of data with missing values (NaN) is the fit of the data
 * completed by each column's weighted mean over the rows that have it, which a plain reference
 * computes here; the statistics pass measures the means, no pass of its own.
 */
class MissingValuesTest {
    /** Four groups in 5 dimensions, about 5 % of the values missing. */
    private static double[][] withGaps(int n, Random random) {
        double[][] x = new double[n][5];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 5; j++) {
                x[i][j] = random.nextDouble() < 0.05 ? Double.NaN : 4 * ((i % 4) >> (j % 2)) + random.nextGaussian();
            }
        }
        return x;
    }

    /** The data completed as the reference has it: each missing value its column's weighted mean over the values present. */
    private static double[][] completed(double[][] x, double[] w) {
        int d = x[0].length;
        double[] sum = new double[d];
        double[] weight = new double[d];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < d; j++) {
                if (!Double.isNaN(x[i][j])) {
                    sum[j] += w[i] * x[i][j];
                    weight[j] += w[i];
                }
            }
        }
        double[][] done = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            done[i] = x[i].clone();
            for (int j = 0; j < d; j++) {
                done[i][j] = Double.isNaN(x[i][j]) ? sum[j] / weight[j] : x[i][j];
            }
        }
        return done;
    }

    @Test
    void imputingIsLloydOnTheDataCompletedByTheColumnMeansForAnyThreadCount() throws Exception {
        Random random = new Random(8);
        double[][] x = withGaps(3000, random);
        double[] w = new double[x.length];
        long missing = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.5 + random.nextDouble();
            for (double v : x[i]) {
                missing += Double.isNaN(v) ? 1 : 0;
            }
        }
        double[][] done = completed(x, w);
        double[][] start = {done[0], done[1], done[2], done[3]};
        KMeansModel reference = new MiniBatchKMeans(KMeansConfig.builder(4).initializer(Initializers.explicit(start)).tolerance(0)
                .threads(1).build()).fit(done, w);
        KMeansModel first = null;
        for (int threads : new int[] {1, 3}) {
            MiniBatchKMeans kmeans = new MiniBatchKMeans(KMeansConfig.builder(4).initializer(Initializers.explicit(start))
                    .tolerance(0).threads(threads).batchSize(500).build());
            int[] labels = kmeans.fitPredict(x, w);
            KMeansModel model = kmeans.model();
            assertArrayEquals(SimpleLloyd.assign(done, reference.centroids()), labels, threads + " threads: the completed data's labels");
            for (int c = 0; c < 4; c++) {
                assertArrayEquals(reference.centroid(c), model.centroid(c), 1e-9, "centroid " + c);
            }
            assertEquals(reference.inertia(), model.inertia(), 1e-9 * reference.inertia());
            assertEquals(missing, model.missingValues());
            first = first == null ? model : first;
            assertArrayEquals(first.centroids(), model.centroids(), "the bits of one thread");
        }
        // a new row's missing value: the training data's mean, which the completed data's centroids weighted by size give
        double[] row = {Double.NaN, 4, Double.NaN, 0, 4};
        double[] mean = new double[5];
        for (int i = 0; i < done.length; i++) {
            for (int j = 0; j < 5; j++) {
                mean[j] += w[i] * done[i][j] / java.util.Arrays.stream(w).sum();
            }
        }
        double[] filled = {mean[0], 4, mean[2], 0, 4};
        assertArrayEquals(first.transform(filled), first.transform(row), 1e-9);
        assertEquals(first.predict(filled), first.predict(row));
    }

    @Test
    void anEnginesPartsFillInTheSameValuesAsALocalFit() {
        double[][] x = withGaps(4000, new Random(12));
        double[] w = new double[x.length];
        java.util.Arrays.fill(w, 1);
        double[][] done = completed(x, w);
        double[][] start = {done[0], done[1], done[2], done[3]};
        KMeansConfig config = KMeansConfig.builder(4).initializer(Initializers.explicit(start)).tolerance(0).build();
        KMeansModel local = new MiniBatchKMeans(config).fit(x);
        KMeansModel three = new MiniBatchKMeans(config).fit(new PartsEngine(x, 3));
        assertArrayEquals(local.predict(done), three.predict(done), "the same partition");
        for (int c = 0; c < 4; c++) {
            assertArrayEquals(local.centroid(c), three.centroid(c), 1e-9, "centroid " + c);
        }
        assertEquals(local.missingValues(), three.missingValues());
        KSweep sweep = new MiniBatchKMeans(KMeansConfig.builder(2).kMax(4).seed(3).build()).sweep(x, null);
        assertEquals(local.missingValues(), sweep.model(3).missingValues(), "every swept model counts them");
        assertTrue(three.missingValues() > 0);
        String refused = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> new MiniBatchKMeans(
                config.toBuilder().missing(MissingValues.ERROR).build()).fit(new PartsEngine(x, 3))).getMessage();
        assertTrue(refused.contains("not a finite number: NaN"), refused);
    }

    @Test
    void aFileAndAnArrayWithGapsGiveTheSameBitsAndTheCallersArrayKeepsItsGaps(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        double[][] x = withGaps(5000, new Random(3));
        java.nio.file.Path file = dir.resolve("gaps.npy");
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(x.length * 5 * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        double[] flat = new double[x.length * 5];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 5; j++) {
                bytes.putDouble(x[i][j]);
                flat[i * 5 + j] = x[i][j];
            }
        }
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(file)) {
            out.write(NpySource.header(x.length, 5, false));
            out.write(bytes.array());
        }
        KMeansConfig config = KMeansConfig.builder(4).seed(5).threads(2).build();
        KMeansModel fromArray = new MiniBatchKMeans(config).fit(ArraySource.ofFlat(flat, 5, null));
        KMeansModel fromFile = new MiniBatchKMeans(config).fit(new NpySource(file));
        assertArrayEquals(fromArray.centroids(), fromFile.centroids());
        assertEquals(fromArray.inertia(), fromFile.inertia(), 0.0);
        assertTrue(java.util.Arrays.stream(flat).anyMatch(Double::isNaN), "the caller's array is not filled in");
    }

    @Test
    void updatesWithoutAStatisticsPassRefuseAMissingValueNamingIt() {
        MiniBatchKMeans online = new MiniBatchKMeans(KMeansConfig.builder(2).mode(Mode.STOCHASTIC).build());
        String refused = org.junit.jupiter.api.Assertions.assertThrows(io.github.minibatchkmeans.core.spi.InvalidInputException.class,
                () -> online.partialFit(new double[][] {{1, 2}, {3, Double.NaN}, {5, 6}})).getMessage();
        assertEquals("row 1, column 1: missing value (NaN): online updates without a statistics pass have none to fill it in "
                + "from (fill it first)", refused);
    }

    @Test
    void aMissingNominalValueIsItsAttributesMode() {
        double one = KMeansConfig.builder(1).build().nominalValue();
        double nan = Double.NaN;
        // values 0, 0, 1 and one missing: filled with value 0, the mode; the centroid's value is 0 (3 against 1)
        double[][] x = {{0, one, 0}, {1, one, 0}, {2, 0, one}, {3, nan, nan}};
        KMeansModel model = new MiniBatchKMeans(KMeansConfig.builder(1).nominalColumns(1, 2).build()).fit(x);
        assertArrayEquals(new double[] {1.5, one, 0}, model.centroid(0), 1e-15);
        assertEquals(2.25 + 0.25 + 0.25 + 2.25 + 1, model.inertia(), 1e-12, "one mismatch: the filled row has the mode");
        assertEquals(1, model.missingValues(), "one missing category, though both its columns are NaN");
    }
}
