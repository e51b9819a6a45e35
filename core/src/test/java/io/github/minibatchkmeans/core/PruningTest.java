package io.github.minibatchkmeans.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exact pruning changes how much is computed and read, never a label. */
class PruningTest {
    private static final Pruning[] PRUNED = {Pruning.HAMERLY, Pruning.ELKAN};

    @TempDir
    Path dir;

    /** Uniform rows: many iterations, rows moving between clusters until late. */
    private static final double[][] X = TestData.uniform(3_000, 5, 17);

    private static KMeansConfig.Builder config(Pruning pruning) {
        return KMeansConfig.builder(12).initializer(Initializers.explicit(TestData.rows(X, 0, 12))).pruning(pruning)
                .tolerance(0).threads(2).batchSize(700);
    }

    private static void assertCentroidsClose(KMeansModel expected, KMeansModel actual, String what) {
        for (int c = 0; c < expected.k(); c++) {
            for (int j = 0; j < expected.dimensions(); j++) {
                double e = expected.centroid(c)[j];
                assertEquals(e, actual.centroid(c)[j], 1e-9 * Math.max(1, Math.abs(e)), what + ", centroid " + c);
            }
        }
    }

    @Test
    void labelsEqualPlainLloydsAtEveryIteration() {
        int iterations = new MiniBatchKMeans(config(Pruning.OFF).build()).fit(X).iterations();
        System.out.println("PruningTest: plain Lloyd needs " + iterations + " iterations");
        assertTrue(iterations > 10, "the data should need many iterations: " + iterations);
        for (int t = 1; t <= iterations; t++) {
            MiniBatchKMeans plain = new MiniBatchKMeans(config(Pruning.OFF).maxIterations(t).build());
            int[] expected = plain.fitPredict(X);
            for (Pruning pruning : PRUNED) {
                MiniBatchKMeans pruned = new MiniBatchKMeans(config(pruning).maxIterations(t).build());
                String what = pruning + " after " + t + " iterations";
                assertArrayEquals(expected, pruned.fitPredict(X), what);
                assertCentroidsClose(plain.model(), pruned.model(), what);
                assertEquals(plain.model().inertia(), pruned.model().inertia(), 1e-9 * plain.model().inertia(), what);
                assertArrayEquals(plain.model().sizes(), pruned.model().sizes(), 1e-9, what);
            }
        }
    }

    @Test
    void prunedFitsAreBitIdenticalForAnyThreadCountAndBatchSize() throws IOException {
        for (Pruning pruning : PRUNED) {
            KMeansModel first = null;
            for (int threads : new int[] {1, 3}) {
                for (int batch : new int[] {7, 1000, X.length}) {
                    KMeansModel model = new MiniBatchKMeans(config(pruning).threads(threads).batchSize(batch).build())
                            .fit(new CountingSource(ArraySource.of(X))); // streamed in batches, not read in place
                    if (first == null) {
                        first = model;
                    }
                    for (int c = 0; c < 12; c++) {
                        assertArrayEquals(first.centroid(c), model.centroid(c), 0.0, pruning + " threads " + threads + " batch " + batch);
                    }
                    assertEquals(first.inertia(), model.inertia(), 0.0);
                    assertEquals(first.history(), model.history());
                }
            }
        }
    }

    @Test
    void boundsInAScratchFileGiveTheSameFit() {
        for (Pruning pruning : PRUNED) {
            KMeansModel onHeap = new MiniBatchKMeans(config(pruning).build()).fit(X);
            KMeansModel mapped = new MiniBatchKMeans(config(pruning).heapFraction(1e-9).build()).fit(X);
            for (int c = 0; c < 12; c++) {
                assertArrayEquals(onHeap.centroid(c), mapped.centroid(c), 0.0, pruning.toString());
            }
            assertEquals(onHeap.history(), mapped.history());
        }
    }

    @Test
    void laterIterationsSettleMostRowsWithoutScoringThem() {
        for (Pruning pruning : PRUNED) {
            List<IterationRecord> history = new MiniBatchKMeans(config(pruning).build()).fit(X).history();
            assertEquals(0, history.get(0).rowsPruned(), "the first pass scores every row");
            IterationRecord last = history.get(history.size() - 1);
            assertTrue(last.rowsPruned() > 0.9 * X.length, pruning + ": " + last);
        }
    }

    /** A .npy file of well-separated blobs written in blob order, the way files often come. */
    private Path sortedBlobs(int rows) throws IOException {
        double[][] x = TestData.blobs(rows, 4, 8, 3, 3);
        Arrays.sort(x, (a, b) -> Double.compare(a[0], b[0]));
        return npy(x, "sorted.npy");
    }

    private Path npy(double[][] x, String name) throws IOException {
        int rows = x.length;
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(NpySource.header(rows, x[0].length, false));
            ByteBuffer buffer = ByteBuffer.allocate(rows * x[0].length * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (double[] row : x) {
                for (double v : row) {
                    buffer.putDouble(v);
                }
            }
            out.write(buffer.array());
        }
        return file;
    }

    /** Counts the rows a source actually delivers (skipped rows are not delivered). */
    private static final class RowCounter implements BatchSource {
        private final BatchSource inner;
        final List<Long> perPass = new ArrayList<>();

        RowCounter(BatchSource inner) {
            this.inner = inner;
        }

        @Override
        public int dimensions() {
            return inner.dimensions();
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public BatchReader open() throws IOException {
            BatchReader reader = inner.open();
            perPass.add(0L);
            int pass = perPass.size() - 1;
            return new BatchReader() {
                @Override
                public int read(double[] data, double[] weights, int maxRows) throws IOException {
                    int n = reader.read(data, weights, maxRows);
                    perPass.set(pass, perPass.get(pass) + n);
                    return n;
                }

                @Override
                public long skip(long rows) throws IOException {
                    return reader.skip(rows);
                }

                @Override
                public void close() throws IOException {
                    reader.close();
                }
            };
        }
    }

    @Test
    void outOfCoreLaterPassesDoNotReadBlocksTheBoundsProveUnchanged() throws IOException {
        int rows = 40_000;
        RowCounter counted = new RowCounter(new NpySource(sortedBlobs(rows)));
        KMeansConfig config = KMeansConfig.builder(8).seed(4).tolerance(0).build();
        KMeansModel model = new MiniBatchKMeans(config).fit(counted);
        assertTrue(model.iterations() >= 4, "iterations: " + model.iterations());
        List<Long> iterationPasses = counted.perPass.subList(1, counted.perPass.size()); // after the statistics pass
        assertEquals(rows, iterationPasses.get(0), "the first iteration reads everything");
        for (long read : iterationPasses.subList(3, iterationPasses.size())) {
            assertTrue(read <= rows / 2, "after the third, a pass read " + read + " of " + rows + " rows: " + counted.perPass);
        }
        IterationRecord last = model.history().get(model.history().size() - 1);
        assertTrue(last.blocksUnread() > 0, last.toString());
        KMeansModel plain = new MiniBatchKMeans(config.toBuilder().pruning(Pruning.OFF).build()).fit(new NpySource(sortedBlobs(rows)));
        assertCentroidsClose(plain, model, "out of core");
    }

    /**
     * Seven separated blobs of 8 features, rows of all blobs mixed in every block, and a start with
     * two centroids in blob 0: they drift apart for many iterations, and the rows near their moving
     * boundary keep coming due in every block.
     */
    private static final int SPLIT_ROWS = 60_000;
    private static final int SPLIT_DIMS = 8;

    private static double[][][] splitBlob() {
        java.util.Random random = new java.util.Random(11);
        double[][] centres = new double[7][SPLIT_DIMS];
        for (double[] centre : centres) {
            for (int j = 0; j < SPLIT_DIMS; j++) {
                centre[j] = random.nextDouble() * 20 - 10;
            }
        }
        double[][] x = new double[SPLIT_ROWS][SPLIT_DIMS];
        for (int i = 0; i < SPLIT_ROWS; i++) {
            for (int j = 0; j < SPLIT_DIMS; j++) {
                x[i][j] = centres[i % 7][j] + 2 * random.nextGaussian();
            }
        }
        double[][] start = Arrays.copyOf(centres, 8);
        start[7] = centres[0].clone();
        start[7][0] += 0.5;
        return new double[][][] {x, start};
    }

    /** A heap share that fits the bounds (4 bytes each of label, upper bound, time, deadline and the lower bounds) and {@code held} rows a block (8 bytes a value and weight). */
    private static double heapFor(Pruning pruning, int held) {
        long blocks = (SPLIT_ROWS + 511) / 512;
        int boundsPerRow = 4 * (4 + (pruning == Pruning.ELKAN ? 8 : 1));
        return ((double) boundsPerRow * SPLIT_ROWS + blocks * held * 8.0 * (SPLIT_DIMS + 1) + 64) / Runtime.getRuntime().maxMemory();
    }

    @Test
    void outOfCoreRowsThatKeepComingDueAreHeldSoLaterPassesLeaveMostBlocksUnread() throws IOException {
        double[][][] data = splitBlob();
        Path file = npy(data[0], "split.npy");
        for (Pruning pruning : PRUNED) {
            heldRowsLeaveMostBlocksUnread(data, file, pruning);
        }
    }

    private void heldRowsLeaveMostBlocksUnread(double[][][] data, Path file, Pruning pruning) throws IOException {
        KMeansConfig.Builder config = KMeansConfig.builder(8).initializer(Initializers.explicit(data[1])).tolerance(0)
                .maxIterations(30).pruning(pruning);
        MiniBatchKMeans inMemory = new MiniBatchKMeans(config.build());
        int[] expected = inMemory.fitPredict(data[0]);
        assertEquals(30, inMemory.model().iterations(), "the split blob should keep the centroids moving");

        RowCounter held = new RowCounter(new NpySource(file));
        MiniBatchKMeans withHeld = new MiniBatchKMeans(config.heapFraction(heapFor(pruning, 51)).build()); // a tenth of each block
        withHeld.fit(held);
        List<Long> iterations = held.perPass.subList(1, held.perPass.size()); // after the statistics pass
        for (long read : iterations.subList(3, iterations.size())) {
            assertTrue(read <= SPLIT_ROWS / 2, pruning + ": after the third, a pass read " + read + " of " + SPLIT_ROWS + " rows: " + held.perPass);
        }
        RowCounter notHeld = new RowCounter(new NpySource(file));
        MiniBatchKMeans without = new MiniBatchKMeans(config.heapFraction(heapFor(pruning, 0)).build());
        without.fit(notHeld);
        assertTrue(notHeld.perPass.stream().skip(4).allMatch(read -> read > SPLIT_ROWS * 9 / 10),
                pruning + ": without held rows nearly every block has a due row: " + notHeld.perPass);

        assertArrayEquals(expected, withHeld.model().predict(data[0]));
        for (KMeansModel model : List.of(withHeld.model(), without.model())) { // held rows change what is read, never a bit
            for (int c = 0; c < 8; c++) {
                assertArrayEquals(inMemory.model().centroid(c), model.centroid(c), 0.0);
            }
            assertEquals(inMemory.model().inertia(), model.inertia(), 0.0);
        }
        KMeansModel split = new MiniBatchKMeans(config.heapFraction(heapFor(pruning, 51)).threads(3).batchSize(300).build())
                .fit(new NpySource(file)); // blocks cut into fragments, held rows chosen all the same
        assertEquals(withHeld.model().history(), split.history());
    }

    @Test
    void farFromTheOriginPruningAgreesWithPlainLloyd() {
        double[][] far = new double[X.length][];
        for (int i = 0; i < X.length; i++) {
            far[i] = Arrays.stream(X[i]).map(v -> v * 1e-3 + 1e7).toArray(); // clusters 2e-3 apart, 1e7 out
        }
        KMeansConfig.Builder config = KMeansConfig.builder(12).initializer(Initializers.explicit(TestData.rows(far, 0, 12)))
                .tolerance(0).maxIterations(15);
        int[] plain = new MiniBatchKMeans(config.pruning(Pruning.OFF).build()).fitPredict(far);
        for (Pruning pruning : PRUNED) {
            assertArrayEquals(plain, new MiniBatchKMeans(config.pruning(pruning).build()).fitPredict(far), pruning.toString());
        }
    }
}
