package io.github.minibatchkmeans.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KMeansParallelTest {
    private static final int K = 12;

    /** The true centers of {@link TestData#blobs} with spacing s: blob c is at s·(c+1) on axis c mod d, plus s·c on axis 0. */
    private static double[][] trueCenters(int k, int d, double spacing) {
        double[][] centers = new double[k][d];
        for (int c = 0; c < k; c++) {
            centers[c][c % d] += spacing * (c + 1);
            centers[c][0] += spacing * c;
        }
        return centers;
    }

    @Test
    void findsOneSeedInEachWellSeparatedClusterInABoundedNumberOfPasses() throws IOException {
        double[][] x = TestData.blobs(24_000, 6, K, 25, 12);
        double[][] truth = trueCenters(K, 6, 25);
        for (long seed : new long[] {1, 2, 3}) {
            CountingSource source = new CountingSource(ArraySource.of(x));
            List<ProgressEvent> events = new ArrayList<>();
            KMeansConfig config = KMeansConfig.builder(K).initializer(Initializers.kMeansParallel()).threads(2).batchSize(1000)
                    .seed(seed).nInit(1).build();
            double[][] seeds = new MiniBatchKMeans(config, events::add).initialCenters(source);
            Set<Integer> covered = new HashSet<>();
            for (double[] s : seeds) {
                covered.add(SimpleLloyd.assign(new double[][] {s}, truth)[0]);
            }
            assertEquals(K, covered.size(), "seed " + seed + ": one seed per blob");
            assertEquals(1 + 5 + 1, source.passes(), "statistics pass, 5 oversampling rounds, weighting pass");
            assertEquals(6, events.stream().filter(e -> e.stage() == ProgressEvent.Stage.INITIALIZATION && e.finished()).count());
        }
    }

    @Test
    void theSeedsDoNotDependOnWhereTheRowStateLivesNorOnThreadsOrBatches() throws IOException {
        double[][] x = TestData.blobs(9_000, 5, 8, 4, 21);
        KMeansConfig base = KMeansConfig.builder(8).initializer(Initializers.kMeansParallel()).seed(5).threads(1).build();
        double[][] expected = new MiniBatchKMeans(base).initialCenters(ArraySource.of(x));
        KMeansConfig[] variants = {
                base.toBuilder().heapFraction(1e-9).build(), // per-row state in a scratch file
                base.toBuilder().threads(3).batchSize(777).build(),
                base.toBuilder().heapFraction(1e-9).threads(2).batchSize(100).build()};
        for (KMeansConfig variant : variants) {
            double[][] seeds = new MiniBatchKMeans(variant).initialCenters(ArraySource.of(x));
            for (int c = 0; c < expected.length; c++) {
                assertArrayEquals(expected[c], seeds[c], 0.0, variant.toString());
            }
        }
    }

    @Test
    void aWholeFitWithKMeansParallelReadsTheDataAFixedNumberOfTimes() throws IOException {
        CountingSource source = new CountingSource(ArraySource.of(TestData.blobs(5_000, 3, 5, 20, 2)));
        KMeansModel model = new MiniBatchKMeans(
                KMeansConfig.builder(5).initializer(Initializers.kMeansParallel()).nInit(1).maxIterations(1).build()).fit(source);
        assertEquals(1 + 6 + 1 + 1, source.passes(), "statistics, 6 for k-means||, one iteration, final");
        assertEquals(1, model.iterations());
    }

    @Test
    void kMeansPlusPlusNeedsNoExtraPass() throws IOException {
        CountingSource source = new CountingSource(ArraySource.of(TestData.blobs(2_000, 3, 4, 20, 1)));
        new MiniBatchKMeans(KMeansConfig.builder(4).maxIterations(1).build()).fit(source);
        assertEquals(3, source.passes(), "statistics, one iteration, final");
    }

    @Test
    void restartsKeepTheBestInitializationOnTheSample() throws IOException {
        double[][] x = TestData.blobs(3_000, 2, 6, 3, 8);
        ArraySource source = ArraySource.of(x);
        KMeansConfig one = KMeansConfig.builder(6).initializer(Initializers.random()).nInit(1).maxIterations(1).seed(4).build();
        KMeansConfig ten = one.toBuilder().nInit(10).build();
        assertEquals(3, Initializers.random().defaultRestarts(), "random defaults to 3 restarts");
        assertEquals(1, Initializers.kMeansPlusPlus().defaultRestarts(), "k-means++ defaults to 1");
        KMeansModel single = new MiniBatchKMeans(one).fit(source);
        KMeansModel best = new MiniBatchKMeans(ten).fit(source);
        assertTrue(best.history().get(0).inertia() <= single.history().get(0).inertia(),
                "the best of 10 starts is at least as good as the first");
    }
}
