package io.github.minibatchkmeans.core.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.CountingSource;
import io.github.minibatchkmeans.core.TestData;
import io.github.minibatchkmeans.core.engine.KMeansConfig;
import io.github.minibatchkmeans.core.engine.KMeansEngine;
import io.github.minibatchkmeans.core.engine.ProgressEvent;
import io.github.minibatchkmeans.core.engine.ProgressListener;
import io.github.minibatchkmeans.core.kernel.CentroidTable;
import io.github.minibatchkmeans.core.model.KMeansModel;
import io.github.minibatchkmeans.core.pass.PassRunner;
import io.github.minibatchkmeans.core.stats.DataSummary;
import java.util.SplittableRandom;
import io.github.minibatchkmeans.core.source.ArraySource;
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
        CentroidTable truth = new CentroidTable(trueCenters(K, 6, 25));
        for (long seed : new long[] {1, 2, 3}) {
            CountingSource source = new CountingSource(ArraySource.of(x));
            List<ProgressEvent> events = new ArrayList<>();
            try (PassRunner passes = new PassRunner(2, 1000)) {
                DataSummary summary = KMeansEngine.summarize(source, 10_000, seed, passes, ProgressListener.NONE);
                InitContext context = new InitContext(source, summary, passes, events::add);
                double[][] seeds = Initializers.kMeansParallel().initialCenters(context, K, new SplittableRandom(seed));
                Set<Integer> covered = new HashSet<>();
                for (double[] s : seeds) {
                    covered.add(truth.nearest(s, 0, truth.newScratch()));
                }
                assertEquals(K, covered.size(), "seed " + seed + ": one seed per blob");
            }
            assertEquals(1 + 5 + 1, source.passes(), "statistics pass, 5 oversampling rounds, weighting pass");
            assertEquals(6, events.stream().filter(e -> e.stage() == ProgressEvent.Stage.INITIALIZATION && e.finished()).count());
        }
    }

    @Test
    void aWholeFitWithKMeansParallelReadsTheDataAFixedNumberOfTimes() throws IOException {
        CountingSource source = new CountingSource(ArraySource.of(TestData.blobs(5_000, 3, 5, 20, 2)));
        KMeansModel model = KMeansEngine.fit(source,
                KMeansConfig.builder(5).initializer(Initializers.kMeansParallel()).maxIterations(1).build());
        assertEquals(1 + 6 + 1 + 1, source.passes(), "statistics, 6 for k-means||, one iteration, final");
        assertEquals(1, model.iterations());
    }

    @Test
    void kMeansPlusPlusNeedsNoExtraPass() throws IOException {
        CountingSource source = new CountingSource(ArraySource.of(TestData.blobs(2_000, 3, 4, 20, 1)));
        KMeansEngine.fit(source, KMeansConfig.builder(4).maxIterations(1).build());
        assertEquals(3, source.passes(), "statistics, one iteration, final");
    }

    @Test
    void restartsKeepTheBestInitializationOnTheSample() throws IOException {
        double[][] x = TestData.blobs(3_000, 2, 6, 3, 8);
        ArraySource source = ArraySource.of(x);
        KMeansConfig one = KMeansConfig.builder(6).initializer(Initializers.random()).nInit(1).maxIterations(1).seed(4).build();
        KMeansConfig ten = one.toBuilder().nInit(10).build();
        assertEquals(3, one.toBuilder().nInit(0).build().effectiveNInit(), "random defaults to 3 restarts");
        assertEquals(1, KMeansConfig.builder(6).build().effectiveNInit(), "k-means++ defaults to 1");
        KMeansModel single = KMeansEngine.fit(source, one);
        KMeansModel best = KMeansEngine.fit(source, ten);
        assertTrue(best.history().get(0).inertia() <= single.history().get(0).inertia(),
                "the best of 10 starts is at least as good as the first");
    }
}
