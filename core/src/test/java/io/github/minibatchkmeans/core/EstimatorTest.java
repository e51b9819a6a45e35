package io.github.minibatchkmeans.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one estimator: the same answers however the data arrives. */
class EstimatorTest {
    private final double[][] x = TestData.blobs(3_000, 4, 5, 4, 21);
    private final double[] w = weights(x.length);

    private static double[] weights(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 + (i % 7) / 3.0;
        }
        return w;
    }

    private static void assertSameModel(KMeansModel a, KMeansModel b) {
        for (int c = 0; c < a.k(); c++) {
            assertArrayEquals(a.centroid(c), b.centroid(c), 0.0, "centroid " + c);
        }
        assertArrayEquals(a.sizes(), b.sizes(), 0.0);
        assertEquals(a.inertia(), b.inertia(), 0.0);
        assertEquals(a.iterations(), b.iterations());
        assertEquals(a.history().size(), b.history().size());
        for (int t = 0; t < a.history().size(); t++) { // blocks unread are I/O saved: a stream may skip blocks, arrays are never read
            IterationRecord ra = a.history().get(t);
            IterationRecord rb = b.history().get(t);
            assertEquals(List.of(ra.inertia(), ra.shift(), ra.rowsPruned()), List.of(rb.inertia(), rb.shift(), rb.rowsPruned()));
        }
    }

    @Test
    void fitOnArraysEqualsFitThroughABatchSourceBitForBit() throws IOException {
        for (Mode mode : Mode.values()) {
            KMeansConfig config = KMeansConfig.builder(5).mode(mode).seed(3).batchSize(500).build();
            // arrays are read in place; a BatchSource is streamed through a reader in batches
            assertSameModel(new MiniBatchKMeans(config).fit(x), new MiniBatchKMeans(config).fit(new CountingSource(ArraySource.of(x))));
            assertSameModel(new MiniBatchKMeans(config).fit(x, w),
                    new MiniBatchKMeans(config).fit(new CountingSource(ArraySource.of(x, w))));
        }
    }

    @Test
    void fitPredictLabelsArePredictLabelsWithoutAnExtraPass() throws IOException {
        for (Mode mode : Mode.values()) {
            for (int maxIterations : new int[] {1, 300}) { // stopped by the limit (a final pass), or converged
                MiniBatchKMeans estimator = new MiniBatchKMeans(
                        KMeansConfig.builder(5).mode(mode).maxIterations(maxIterations).seed(8).build());
                int[] labels = estimator.fitPredict(x, w);
                assertArrayEquals(estimator.model().predict(x), labels, mode + ", maxIterations " + maxIterations);
            }
        }
        CountingSource counted = new CountingSource(ArraySource.of(x));
        KMeansConfig config = KMeansConfig.builder(5).seed(8).build();
        new MiniBatchKMeans(config).fit(counted);
        assertEquals(counted.passes(), countPasses(config, x), "fitPredict reads the data as often as fit");
    }

    /**
     * Three distinct rows, each thirty times, k = 5: two clusters are empty in every pass and
     * relocated onto rows that coincide with others. The reported sizes are still the weights of
     * the returned labels, and those labels are the model's own predictions.
     */
    @Test
    void moreClustersThanDistinctRowsGiveSizesThatMatchTheLabels() throws IOException {
        double[][] rows = new double[90][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {i % 3, 2.0 * (i % 3)};
        }
        for (Mode mode : Mode.values()) {
            for (Pruning pruning : Pruning.values()) {
                MiniBatchKMeans estimator = new MiniBatchKMeans(KMeansConfig.builder(5).mode(mode).pruning(pruning).seed(1).build());
                int[] labels = estimator.fitPredict(rows);
                KMeansModel model = estimator.model();
                String where = mode + ", pruning " + pruning;
                assertArrayEquals(model.predict(rows), labels, where);
                double[] counted = new double[5];
                for (int label : labels) {
                    counted[label]++;
                }
                assertArrayEquals(counted, model.sizes(), 0.0, where);
            }
        }
    }

    /**
     * A row with an infinity or a value past ±1e150 has no nearest centroid: predicting it is an
     * error naming the row and column, never cluster 0. A NaN is a missing value: the training mean.
     */
    @Test
    void predictRefusesRowsWithUnusableValues() {
        KMeansModel model = new MiniBatchKMeans(KMeansConfig.builder(5).seed(1).build()).fit(x);
        double[] inf = x[0].clone();
        inf[2] = Double.POSITIVE_INFINITY;
        assertEquals("row 0, column 2: not a finite number: Infinity",
                assertThrows(InvalidInputException.class, () -> model.predict(inf)).getMessage());
        double[] huge = x[1].clone();
        huge[3] = 1e155;
        assertEquals("row 1, column 3: value too large: 1.0E155 (beyond ±1e150 squared distances overflow; rescale the data)",
                assertThrows(InvalidInputException.class, () -> model.predict(new double[][] {x[0], huge})).getMessage());
        assertThrows(InvalidInputException.class, () -> model.transform(inf));
    }

    /** A source that says how many rows it has gets its labels from the fit's final pass, as arrays do. */
    @Test
    void fitPredictOnASourceGivesTheLabelsOfTheFinalPass() throws IOException {
        for (Mode mode : new Mode[] {Mode.EXACT, Mode.STOCHASTIC}) {
            KMeansConfig config = KMeansConfig.builder(5).mode(mode).seed(8).build();
            MiniBatchKMeans estimator = new MiniBatchKMeans(config);
            int[] labels = estimator.fitPredict(new Decoded(ArraySource.of(x, w), x.length));
            assertSameModel(new MiniBatchKMeans(config).fit(x, w), estimator.model());
            assertArrayEquals(estimator.model().predict(x), labels, mode.toString());
        }
        MiniBatchKMeans estimator = new MiniBatchKMeans(KMeansConfig.builder(5).build());
        assertThrows(IllegalArgumentException.class, () -> estimator.fitPredict(new CountingSource(ArraySource.of(x))),
                "a source that does not know its row count");
        InvalidInputException lying = assertThrows(InvalidInputException.class,
                () -> estimator.fitPredict(new Decoded(ArraySource.of(x), x.length + 1)));
        assertEquals("decoded: the source said it has 3001 rows, and its first pass read 3000", lying.getMessage());
    }

    /** Rows that claim {@code rows} rows and to be decoded on every pass (streamed, then kept). */
    private record Decoded(io.github.minibatchkmeans.core.spi.BatchSource inner, long claimed)
            implements io.github.minibatchkmeans.core.spi.BatchSource {
        @Override
        public int dimensions() {
            return inner.dimensions();
        }

        @Override
        public String name() {
            return "decoded";
        }

        @Override
        public java.util.OptionalLong rows() {
            return java.util.OptionalLong.of(claimed);
        }

        @Override
        public Rereading rereading() {
            return Rereading.DECODES;
        }

        @Override
        public io.github.minibatchkmeans.core.spi.BatchReader open() throws IOException {
            return inner.open();
        }
    }

    private static int countPasses(KMeansConfig config, double[][] rows) {
        int[] finished = {0};
        new MiniBatchKMeans(config, e -> {
            if (e.finished()) {
                finished[0]++;
            }
        }).fitPredict(rows);
        return finished[0];
    }

    @Test
    void modelPredictsAndTransformsWholeArrays() {
        KMeansModel model = new MiniBatchKMeans(KMeansConfig.builder(5).seed(1).build()).fit(x);
        int[] labels = model.predict(x);
        double[][] distances = model.transform(x);
        double inertia = 0;
        for (int i = 0; i < x.length; i++) {
            assertEquals(model.predict(x[i]), labels[i]);
            for (double d : distances[i]) {
                assertEquals(true, distances[i][labels[i]] <= d);
            }
            inertia += distances[i][labels[i]] * distances[i][labels[i]];
        }
        assertEquals(-inertia, model.score(x), 1e-9 * inertia);
        assertEquals(model.inertia(), -model.score(x), 1e-9 * inertia, "the fit's inertia is that of its own labels");
    }

    @Test
    void modelUnavailableBeforeFitting() {
        assertThrows(IllegalStateException.class, () -> new MiniBatchKMeans(KMeansConfig.builder(2).build()).model());
    }

    @Test
    void inMemoryInputErrorsAreUncheckedAndNamed() {
        MiniBatchKMeans estimator = new MiniBatchKMeans(KMeansConfig.builder(3).build());
        assertEquals("row 1: expected 2 values, got 1",
                assertThrows(InvalidInputException.class, () -> estimator.fit(new double[][] {{1, 2}, {3}})).getMessage());
        assertEquals("k = 3 is larger than the number of rows (2) in array",
                assertThrows(InvalidInputException.class, () -> estimator.fit(new double[][] {{1}, {2}})).getMessage());
    }

    @Test
    void configurationErrorsNameTheField() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> KMeansConfig.builder(0).build());
        assertEquals("k", e.field());
        assertEquals("must be an integer >= 1, got 0", e.reason());
        assertEquals(Parameters.K, e.parameter());
        assertEquals("batchSize", assertThrows(InvalidConfigException.class,
                () -> KMeansConfig.builder(2).batchSize(0).build()).field());
        assertEquals("nInit", assertThrows(InvalidConfigException.class, () -> KMeansConfig.builder(2).nInit(-1).build()).field());
        assertEquals("reassignmentRatio", assertThrows(InvalidConfigException.class,
                () -> KMeansConfig.builder(2).reassignmentRatio(2).build()).field());
        assertEquals("initRounds", assertThrows(InvalidConfigException.class, () -> Initializers.kMeansParallel(0, 0)).field());
    }

    @Test
    void automaticChoicesAreExplicitNotMagicNumbers() {
        KMeansConfig config = KMeansConfig.builder(4).build();
        assertEquals(0, config.nInit(), "automatic restarts");
        assertEquals(0, config.shuffleWindow(), "automatic shuffle window");
        assertEquals(3, config.toBuilder().nInit(3).build().nInit());
        assertEquals(0, config.toBuilder().nInit(3).nInit(0).build().nInit());
        assertEquals(10, config.maxNoImprovement(), "scikit-learn's early stopping");
        assertEquals(1e-4, config.tolerance(), "EXACT's default tolerance");
        assertEquals(0.0, KMeansConfig.builder(4).mode(Mode.STOCHASTIC).build().tolerance(), "STOCHASTIC's");
        assertEquals(10_000, config.sampleSize());
        assertEquals(20 * 1000, KMeansConfig.builder(1000).build().sampleSize());
    }

    @Test
    void modelBuilderNamesTheBadValue() {
        double[][] centroids = {{0, 1}, {2, 3}};
        assertEquals("sizes: expected 2 values (one per centroid), found 1", assertThrows(InvalidInputException.class,
                () -> KMeansModel.builder(centroids).sizes(new double[] {1}).build()).getMessage());
        assertEquals("centroids[1][0]: not a finite number: NaN", assertThrows(InvalidInputException.class,
                () -> KMeansModel.builder(new double[][] {{0, 1}, {Double.NaN, 3}}).build()).getMessage());
        assertEquals("sizes[0]: must be a finite number >= 0, found -1.0", assertThrows(InvalidInputException.class,
                () -> KMeansModel.builder(centroids).sizes(new double[] {-1, 1}).build()).getMessage());
        KMeansModel model = KMeansModel.builder(centroids).history(List.of(new IterationRecord(2, 0))).build();
        assertEquals(0, model.predict(new double[] {0.5, 0.5}));
    }
}
