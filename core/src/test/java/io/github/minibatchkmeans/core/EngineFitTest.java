package io.github.minibatchkmeans.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Fits whose passes an engine runs: the same answers as the in-memory fit, for any cut of the data. */
class EngineFitTest {
    private static final double[][] X = TestData.blobs(12_000, 5, 7, 3.0, 31);
    private static final double[][] START = Arrays.copyOf(X, 7);

    private static KMeansConfig.Builder fromStart() {
        return KMeansConfig.builder(7).initializer(Initializers.explicit(START)).tolerance(0).threads(1);
    }

    @Test
    void exactIterationsEqualTheInMemoryFitWhateverTheCut() {
        KMeansModel inMemory = new MiniBatchKMeans(fromStart().build()).fit(X);
        KMeansModel three = new MiniBatchKMeans(fromStart().build()).fit(new PartsEngine(X, 3));
        KMeansModel five = new MiniBatchKMeans(fromStart().build()).fit(new PartsEngine(X, 5));
        assertEquals(inMemory.iterations(), three.iterations());
        assertTrue(three.converged());
        for (int c = 0; c < 7; c++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(inMemory.centroid(c)[j], three.centroid(c)[j], 1e-12 * Math.abs(inMemory.centroid(c)[j]));
            }
        }
        assertArrayEquals(inMemory.sizes(), three.sizes());
        assertEquals(inMemory.inertia(), three.inertia(), 1e-9 * inMemory.inertia());
        assertArrayEquals(inMemory.predict(X), three.predict(X));
        assertTrue(Arrays.deepEquals(three.centroids(), five.centroids()), "another cut, the same bits");
        assertEquals(three.inertia(), five.inertia());
    }

    @Test
    void kMeansParallelRoundsAndSampleSeedingFindTheClusters() {
        double best = new MiniBatchKMeans(fromStart().build()).fit(X).inertia();
        for (var init : new io.github.minibatchkmeans.core.spi.Initializer[] {Initializers.kMeansParallel(0, 2),
                Initializers.kMeansPlusPlus()}) {
            KMeansConfig config = KMeansConfig.builder(7).initializer(init).seed(4).threads(1).build();
            PartsEngine engine = new PartsEngine(X, 4);
            KMeansModel model = new MiniBatchKMeans(config).fit(engine);
            assertTrue(model.inertia() <= best * 1.0001, init.name() + ": " + model.inertia() + " vs " + best);
            assertTrue(Arrays.deepEquals(model.centroids(), new MiniBatchKMeans(config).fit(new PartsEngine(X, 4)).centroids()));
        }
    }

    @Test
    void stochasticStepsOnSampledPassesAreReproducibleAndClose() {
        double exact = new MiniBatchKMeans(fromStart().build()).fit(X).inertia();
        KMeansConfig config = KMeansConfig.builder(7).mode(Mode.STOCHASTIC).batchSize(600).maxIterations(60).seed(2).threads(1).build();
        KMeansModel model = new MiniBatchKMeans(config).fit(new PartsEngine(X, 3));
        assertEquals(Mode.STOCHASTIC, model.mode());
        assertTrue(model.iterations() <= 60);
        assertTrue(model.inertia() < exact * 1.05, model.inertia() + " vs " + exact);
        assertTrue(Arrays.deepEquals(model.centroids(), new MiniBatchKMeans(config).fit(new PartsEngine(X, 3)).centroids()));
    }

    @Test
    void aSweepOverKTakesOneEnginePassForEveryModelAndGivesEachKsOwnFit() {
        double[][] x = TestData.blobs(6_000, 3, 5, 6, 9);
        PartsEngine engine = new PartsEngine(x, 3);
        KSweep sweep = new MiniBatchKMeans(KMeansConfig.builder(2).kMax(7).seed(3).threads(1).build()).sweep(engine);
        int longest = 0;
        for (int k = 2; k <= 7; k++) {
            PartsEngine alone = new PartsEngine(x, 3);
            KMeansModel model = new MiniBatchKMeans(KMeansConfig.builder(k).seed(3).threads(1).build()).fit(alone);
            longest = Math.max(longest, alone.passes);
            assertTrue(Arrays.deepEquals(model.centroids(), sweep.model(k).centroids()), "k = " + k);
            assertEquals(model.inertia(), sweep.model(k).inertia(), "k = " + k);
        }
        assertEquals(longest + 1, engine.passes, "the longest fit's passes and one scoring pass");
        assertEquals(5, sweep.recommendedK());
        KMeansModel local = new MiniBatchKMeans(KMeansConfig.builder(2).kMax(7).seed(3).threads(1).build()).fit(x);
        assertEquals(5, local.k());
    }
}
