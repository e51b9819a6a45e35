package io.github.minibatchkmeans.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Sparse rows (CSR) are the same rows as dense ones: EXACT on them equals EXACT on the dense copy
 * and the plain reference Lloyd — the same labels and iterations, centroids equal to 1e-12
 * relative (sparse rows are summed from 0, dense ones from the data's mean, so the last bits may
 * differ) — in every pruning mode and metric, in place or streamed, kept or read again.
 */
class SparseRowsTest {
    private static final int N = 3_000;
    private static final int D = 300;
    private static final int K = 8;

    /** Text-like rows: each of K topics has its own 30 features; a row takes ~12 of its topic's and ~3 others, positive values. */
    private static double[][] topics(long seed) {
        Random random = new Random(seed);
        double[][] x = new double[N][D];
        for (int i = 0; i < N; i++) {
            int topic = i % K;
            for (int t = 0; t < 12; t++) {
                x[i][topic * 30 + random.nextInt(30)] = 1 + random.nextDouble() * 3;
            }
            for (int t = 0; t < 3; t++) {
                x[i][random.nextInt(D)] = random.nextDouble();
            }
        }
        return x;
    }

    /** Starting centroids from two topics only, so that Lloyd needs many iterations to spread them. */
    private static double[][] poorStart(double[][] x) {
        double[][] init = new double[K][];
        for (int c = 0; c < K; c++) {
            init[c] = x[(c % 2) + K * (c / 2)].clone();
        }
        return init;
    }

    /** The rows of {@code x} in CSR form. */
    static SparseArraySource csr(double[][] x) {
        int[] pointers = new int[x.length + 1];
        int nonZero = 0;
        for (double[] row : x) {
            for (double v : row) {
                nonZero += v != 0 ? 1 : 0;
            }
        }
        int[] indices = new int[nonZero];
        double[] values = new double[nonZero];
        int e = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                if (x[i][j] != 0) {
                    indices[e] = j;
                    values[e++] = x[i][j];
                }
            }
            pointers[i + 1] = e;
        }
        return SparseArraySource.ofCsr(x[0].length, pointers, indices, values, null);
    }

    private static KMeansModel fit(BatchSource source, double[][] init, Pruning pruning, Metric metric, int threads)
            throws IOException {
        KMeansConfig config = KMeansConfig.builder(K).initializer(Initializers.explicit(init)).pruning(pruning).metric(metric)
                .threads(threads).batchSize(700).build();
        return new MiniBatchKMeans(config).fit(source);
    }

    private static void assertCentroidsClose(double[][] expected, double[][] actual, String setting) {
        for (int c = 0; c < expected.length; c++) {
            for (int j = 0; j < expected[c].length; j++) {
                assertEquals(expected[c][j], actual[c][j], 1e-12 * Math.max(1, Math.abs(expected[c][j])), setting + ", centroid " + c);
            }
        }
    }

    @Test
    void exactOnSparseRowsEqualsExactOnTheSameRowsDenseInEveryPruningModeAndMetric() throws IOException {
        double[][] x = topics(3);
        double[][] init = poorStart(x);
        SparseArraySource sparse = csr(x);
        ArraySource dense = ArraySource.of(x);
        SimpleLloyd reference = new SimpleLloyd(x, init, Parameters.TOLERANCE.defaultValue(Mode.EXACT).orElseThrow(), 300);
        for (Metric metric : Metric.values()) {
            for (Pruning pruning : Pruning.values()) {
                String setting = metric + ", " + pruning;
                KMeansModel fromDense = fit(dense, init, pruning, metric, 1);
                KMeansModel one = fit(sparse, init, pruning, metric, 1);
                KMeansModel two = fit(sparse, init, pruning, metric, 2);
                int[] labels = TestData.labels(fromDense, dense, N);
                assertArrayEquals(labels, TestData.labels(one, sparse, N), setting);
                assertEquals(fromDense.iterations(), one.iterations(), setting);
                assertCentroidsClose(fromDense.centroids(), one.centroids(), setting);
                assertEquals(fromDense.inertia(), one.inertia(), 1e-9 * fromDense.inertia(), setting);
                for (int c = 0; c < K; c++) {
                    assertArrayEquals(one.centroids()[c], two.centroids()[c], 0.0, setting + ": bit-identical for any thread count");
                }
                if (metric == Metric.EUCLIDEAN) {
                    assertArrayEquals(reference.labels, labels, setting);
                    assertCentroidsClose(reference.centers, one.centroids(), setting + " against the reference");
                }
            }
        }
        assertTrue(reference.iterations > 3, "the data should need several iterations: " + reference.iterations);
    }

    /** A sparse source read through its readers, as a file would be, whose rows are parsed again on every pass. */
    static final class Streamed implements BatchSource {
        private final SparseArraySource inner;

        Streamed(SparseArraySource inner) {
            this.inner = inner;
        }

        @Override
        public int dimensions() {
            return inner.dimensions();
        }

        @Override
        public BatchReader open() {
            return inner.open();
        }

        @Override
        public String name() {
            return "streamed";
        }

        @Override
        public OptionalLong rows() {
            return OptionalLong.empty();
        }

        @Override
        public boolean sparse() {
            return true;
        }

        @Override
        public Rereading rereading() {
            return Rereading.PARSES;
        }
    }

    @Test
    void streamedSparseRowsKeptOrReadAgainGiveTheSameBits() throws IOException {
        double[][] x = topics(5);
        double[][] init = poorStart(x);
        SparseArraySource sparse = csr(x);
        KMeansModel inPlace = fit(sparse, init, Pruning.AUTO, Metric.EUCLIDEAN, 1);
        KMeansModel kept = fit(new Streamed(sparse), init, Pruning.AUTO, Metric.EUCLIDEAN, 2);
        // a budget that holds the pruning bounds but not the rows: every pass reads the source again
        double fraction = 150_000.0 / Runtime.getRuntime().maxMemory();
        KMeansModel readAgain = new MiniBatchKMeans(KMeansConfig.builder(K).initializer(Initializers.explicit(init)).threads(2)
                .batchSize(333).heapFraction(fraction).build()).fit(new Streamed(sparse));
        for (int c = 0; c < K; c++) {
            assertArrayEquals(inPlace.centroids()[c], kept.centroids()[c], 0.0, "kept in memory");
            assertArrayEquals(inPlace.centroids()[c], readAgain.centroids()[c], 0.0, "read again on every pass");
        }
        assertArrayEquals(TestData.labels(inPlace, sparse, N), TestData.labels(inPlace, ArraySource.of(x), N), "predict on sparse rows");
    }

    @Test
    void seededFitsOnSparseRowsAreBitIdenticalForAnyThreadCount() throws IOException {
        SparseArraySource sparse = csr(topics(9));
        KMeansModel one = new MiniBatchKMeans(KMeansConfig.builder(K).seed(4).threads(1).build()).fit(sparse);
        KMeansModel three = new MiniBatchKMeans(KMeansConfig.builder(K).seed(4).threads(3).batchSize(257).build())
                .fit(new Streamed(sparse));
        for (int c = 0; c < K; c++) {
            assertArrayEquals(one.centroids()[c], three.centroids()[c], 0.0);
        }
    }

    @Test
    void malformedCsrIsRefusedNamingTheRowAndIndex() {
        int[] pointers = {0, 2, 3};
        String unsorted = assertThrows(InvalidInputException.class,
                () -> SparseArraySource.ofCsr(5, pointers, new int[] {3, 1, 0}, new double[] {1, 1, 1}, null)).getMessage();
        assertEquals("row 0, index 1: indices must increase within a row (after 3)", unsorted);
        String duplicate = assertThrows(InvalidInputException.class,
                () -> SparseArraySource.ofCsr(5, pointers, new int[] {1, 1, 0}, new double[] {1, 1, 1}, null)).getMessage();
        assertTrue(duplicate.startsWith("row 0, index 1: indices must increase"), duplicate);
        String wide = assertThrows(InvalidInputException.class,
                () -> SparseArraySource.ofCsr(5, pointers, new int[] {0, 1, 5}, new double[] {1, 1, 1}, null)).getMessage();
        assertEquals("row 1, index 5: outside the 5 features", wide);
        String nan = assertThrows(InvalidInputException.class,
                () -> SparseArraySource.ofCsr(5, pointers, new int[] {0, 1, 2}, new double[] {1, Double.NaN, 1}, null))
                .getMessage();
        assertTrue(nan.contains("row 0, index 1"), nan);
        assertEquals("dims must be within [1, 16777216], got 33554432", assertThrows(InvalidInputException.class,
                () -> SparseArraySource.ofCsr(1 << 25, pointers, new int[] {0, 1, 2}, new double[] {1, 1, 1}, null)).getMessage());
    }

    @Test
    void aZeroRowUnderTheCosineMetricIsRefusedWithItsNumber() {
        double[][] x = topics(2);
        Arrays.fill(x[1234], 0);
        KMeansConfig config = KMeansConfig.builder(K).seed(1).metric(Metric.COSINE).build();
        String message = assertThrows(InvalidInputException.class, () -> new MiniBatchKMeans(config).fit(csr(x))).getMessage();
        assertTrue(message.contains("row 1234 is all zeros"), message);
    }

    @Test
    void anEngineWhosePartsAddSparseRowsGivesTheSameBitsForAnyCutAndTheFitOfTheRowsDense() throws IOException {
        double[][] x = topics(11);
        for (io.github.minibatchkmeans.core.spi.Initializer init : List.of(Initializers.kMeansPlusPlus(),
                Initializers.kMeansParallel())) {
            for (Metric metric : Metric.values()) {
                String setting = init + ", " + metric;
                KMeansConfig config = KMeansConfig.builder(K).initializer(init).seed(3).metric(metric).build();
                KMeansModel three = new MiniBatchKMeans(config).fit(new PartsEngine(x, 3, true));
                KMeansModel five = new MiniBatchKMeans(config).fit(new PartsEngine(x, 5, true));
                KMeansModel dense = new MiniBatchKMeans(config).fit(new PartsEngine(x, 4, false));
                assertTrue(java.util.Arrays.deepEquals(three.centroids(), five.centroids()), setting + ": any cut, the same bits");
                assertEquals(dense.iterations(), three.iterations(), setting);
                assertCentroidsClose(dense.centroids(), three.centroids(), setting);
                assertArrayEquals(TestData.labels(dense, ArraySource.of(x), N), TestData.labels(three, csr(x), N), setting);
            }
        }
    }

    @Test
    void theStochasticLearnerRunsOnSparseRowsAsOnTheSameRowsDense() throws IOException {
        double[][] x = topics(6);
        KMeansConfig.Builder config = KMeansConfig.builder(K).mode(Mode.STOCHASTIC).seed(5).batchSize(256).shuffleWindow(700)
                .maxIterations(4);
        KMeansModel dense = new MiniBatchKMeans(config.threads(1).build()).fit(ArraySource.of(x));
        KMeansModel sparse = new MiniBatchKMeans(config.threads(1).build()).fit(new Streamed(csr(x)));
        KMeansModel sparseTwo = new MiniBatchKMeans(config.threads(2).build()).fit(new Streamed(csr(x)));
        assertCentroidsClose(dense.centroids(), sparse.centroids(), "stochastic, sparse against dense");
        assertArrayEquals(TestData.labels(dense, ArraySource.of(x), N), TestData.labels(sparse, csr(x), N));
        for (int c = 0; c < K; c++) {
            assertArrayEquals(sparse.centroids()[c], sparseTwo.centroids()[c], 0.0, "bit-identical for any thread count");
        }
    }

    @Test
    void theOnePassLearnerRefusesSparseRowsRatherThanDensifyThem() {
        SparseArraySource sparse = csr(topics(1));
        InvalidConfigException refused = assertThrows(InvalidConfigException.class,
                () -> new MiniBatchKMeans(KMeansConfig.builder(K).mode(Mode.ONE_PASS).seed(1).build()).fit(sparse));
        assertEquals("mode", refused.parameter().name());
        assertTrue(refused.getMessage().contains("the one-pass learner would make them dense"), refused.getMessage());
    }
}
