package io.github.minibatchkmeans.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code nInit} in EXACT mode: every start runs to convergence, the lowest inertia wins, one pass per iteration for all. */
class RestartsTest {

    /**
     * Four tight blobs along a zigzag line, k = 4: from random rows a start often puts two
     * centroids in one blob and one between two others — a local optimum Lloyd cannot leave (half
     * of the single starts over seeds 0–39 end there). The global optimum is a centroid per blob,
     * inertia ≈ rows × dims × σ².
     */
    private static double[][] lineOfBlobs() {
        Random random = new Random(11);
        double[][] x = new double[3_000][2];
        for (int i = 0; i < x.length; i++) {
            int c = i % 4;
            x[i][0] = 10 * c + 0.5 * random.nextGaussian();
            x[i][1] = 3 * (c % 2) + 0.5 * random.nextGaussian();
        }
        return x;
    }

    private static KMeansModel fit(double[][] x, long seed, int nInit) {
        return new MiniBatchKMeans(KMeansConfig.builder(4).initializer(Initializers.random()).seed(seed).nInit(nInit).build())
                .fit(x);
    }

    @Test
    void tenStartsReachTheGlobalOptimumWhereOneStartOftenDoesNot() {
        double[][] x = lineOfBlobs();
        double global = 3_000 * 2 * 0.25 * 1.3; // within 30 % of rows × dims × σ²; a trapped start is far above
        int stuck = 0;
        for (long seed = 0; seed < 40; seed++) {
            stuck += fit(x, seed, 1).inertia() > global ? 1 : 0;
            KMeansModel best = fit(x, seed, 10);
            assertTrue(best.inertia() < global, "seed " + seed + ": " + best.inertia());
        }
        assertTrue(stuck >= 10, "the data must trap single starts for the test to mean anything: " + stuck + " of 40");
    }

    @Test
    void theBestOfTenIsNeverWorseThanTheFirstStartAlone() {
        double[][] x = lineOfBlobs();
        for (long seed = 0; seed < 10; seed++) {
            assertTrue(fit(x, seed, 10).inertia() <= fit(x, seed, 1).inertia(), "seed " + seed);
        }
    }

    @Test
    void allStartsShareOnePassPerIteration() throws IOException {
        double[][] x = TestData.blobs(20_000, 4, 12, 1.5, 3); // overlapping: no start converges in 3 iterations
        for (int nInit : new int[] {1, 10}) {
            CountingSource source = new CountingSource(ArraySource.of(x));
            KMeansModel model = new MiniBatchKMeans(KMeansConfig.builder(12).initializer(Initializers.random()).nInit(nInit)
                    .maxIterations(3).tolerance(0).seed(5).build()).fit(source);
            assertEquals(3, model.iterations());
            assertEquals(1 + 3 + 1, source.passes(), nInit + " starts: statistics, 3 iterations, final — one pass each");
        }
    }

    /**
     * Out of core, restarts share each read, and a block one start fills from its held rows is handed
     * to every start: a start that did not need it must neither look at its rows nor change what it
     * holds of it. Each start's result is the one it gets alone, bit for bit.
     */
    @Test
    void streamedRestartsWithHeldRowsEachGiveTheResultOfTheStartAlone() throws IOException {
        double[][] x = TestData.blobs(30_000, 4, 12, 1.5, 3);
        // about 3 MB: each of the four starts' bounds, and room to hold a few dozen rows of each block
        double heapFraction = 3e6 / Runtime.getRuntime().maxMemory();
        for (long seed = 0; seed < 4; seed++) {
            KMeansConfig config = KMeansConfig.builder(12).initializer(Initializers.random()).nInit(4).tolerance(0).seed(seed)
                    .heapFraction(heapFraction).build();
            KMeansModel best = new MiniBatchKMeans(config).fit(new CountingSource(ArraySource.of(x))); // streamed: rows held
            KMeansModel alone = new MiniBatchKMeans(config.toBuilder().nInit(1)
                    .initializer(Initializers.explicit(best.initialCentroids().orElseThrow())).build()).fit(new CountingSource(ArraySource.of(x)));
            CheckpointTest.assertSameModel(alone, best);
        }
    }

    @Test
    void restartsGiveTheSameResultForAnyThreadCountAndWithOrWithoutPruning() {
        double[][] x = lineOfBlobs();
        KMeansConfig base = KMeansConfig.builder(4).initializer(Initializers.random()).seed(3).nInit(10).threads(1).build();
        KMeansModel reference = new MiniBatchKMeans(base).fit(x);
        for (KMeansConfig variant : new KMeansConfig[] {base.toBuilder().threads(3).batchSize(333).build(),
                base.toBuilder().pruning(Pruning.OFF).build()}) {
            KMeansModel model = new MiniBatchKMeans(variant).fit(x);
            for (int c = 0; c < 4; c++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(reference.centroid(c), model.centroid(c), 1e-9 * 30);
            }
            assertEquals(reference.inertia(), model.inertia(), 1e-9 * reference.inertia());
        }
    }

    @Test
    void smallDataGetsTenStartsByDefaultLargeDataTheInitializersDefault() throws IOException {
        double[][] x = lineOfBlobs();
        KMeansConfig auto = KMeansConfig.builder(4).initializer(Initializers.random()).seed(4).build();
        assertEquals(fit(x, 4, 10).inertia(), new MiniBatchKMeans(auto).fit(x).inertia(), 0.0, "3,000 × 2 × 4 is small: 10 starts");
        ArraySource large = ArraySource.of(TestData.blobs(60_000, 40, 10, 5, 1));
        KMeansConfig.Builder random = KMeansConfig.builder(10).initializer(Initializers.random()).seed(4);
        double[][] chosen = new MiniBatchKMeans(random.build()).initialCenters(large);
        assertTrue(java.util.Arrays.deepEquals(new MiniBatchKMeans(random.nInit(3).build()).initialCenters(large), chosen),
                "60,000 × 40 × 10 is not small: random's default of 3 starts, the best on the sample kept");
        assertTrue(!java.util.Arrays.deepEquals(new MiniBatchKMeans(random.nInit(10).build()).initialCenters(large), chosen));
    }
}
