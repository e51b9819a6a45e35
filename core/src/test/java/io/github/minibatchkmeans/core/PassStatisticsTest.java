package io.github.minibatchkmeans.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The statistics distributed engines build passes from: parts merge into the whole, in any cut and order. */
class PassStatisticsTest {
    private static final double[][] X = TestData.blobs(9000, 4, 6, 2.0, 21);
    private static final double[][] START = {X[0], X[1], X[2], X[3], X[4], X[5]};

    private static double[] mean(double[][] rows) {
        double[] mean = new double[rows[0].length];
        for (double[] row : rows) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += row[j] / rows.length;
            }
        }
        return mean;
    }

    /** The statistics of {@code rows} cut at {@code cuts}, the parts merged in {@code order}. */
    private static PassStatistics inParts(double[][] centers, double[][] rows, int[] cuts, int[] order) {
        PassStatistics[] parts = new PassStatistics[cuts.length + 1];
        int from = 0;
        for (int p = 0; p < parts.length; p++) {
            int to = p < cuts.length ? cuts[p] : rows.length;
            parts[p] = PassStatistics.of(centers, mean(rows)).add(Arrays.copyOfRange(rows, from, to), null, from);
            from = to;
        }
        PassStatistics total = parts[order[0]];
        for (int i = 1; i < order.length; i++) {
            total = total.merge(parts[order[i]]);
        }
        return total;
    }

    @Test
    void oneLloydIterationOfTheWholeEqualsTheCoresAndAnyCutGivesTheSameBits() {
        PassStatistics whole = inParts(START, X, new int[0], new int[] {0});
        KMeansModel oneIteration = new MiniBatchKMeans(KMeansConfig.builder(6).initializer(Initializers.explicit(START))
                .maxIterations(1).threads(1).build()).fit(X);
        double[][] lloyd = new SimpleLloyd(X, START, 0, 1).centers;
        double[][] means = whole.means();
        for (int c = 0; c < 6; c++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(lloyd[c][j], means[c][j], 1e-12 * Math.abs(lloyd[c][j]));
                assertEquals(oneIteration.centroid(c)[j], means[c][j], 1e-12 * Math.abs(lloyd[c][j]));
            }
        }
        assertEquals(X.length, whole.rows());
        assertEquals(X.length, Arrays.stream(whole.weights()).sum());

        PassStatistics cut = inParts(START, X, new int[] {17, 3000, 3001, 7777}, new int[] {3, 0, 4, 2, 1});
        assertTrue(Arrays.deepEquals(means, cut.means()), "compensated sums do not depend on the cut or the merge order");
        assertEquals(whole.inertia(), cut.inertia());
        assertArrayEquals(whole.weights(), cut.weights());
    }

    @Test
    void keptRowsDoNotDependOnTheCut() {
        double[] origin = mean(X);
        PassStatistics whole = PassStatistics.withSample(START, origin, 10, 5).add(X, null, 0);
        PassStatistics cut = PassStatistics.withSample(START, origin, 10, 5).add(Arrays.copyOf(X, 4000), null, 0)
                .merge(PassStatistics.withSample(START, origin, 10, 5).add(Arrays.copyOfRange(X, 4000, X.length), null, 4000));
        assertTrue(Arrays.deepEquals(whole.keptRows(), cut.keptRows()));
        assertEquals(10, whole.keptRows().length);

        PassStatistics drawn = PassStatistics.withDistanceSample(new double[][] {X[0]}, origin, 3, 9).add(X, null, 0);
        assertEquals(3, drawn.keptRows().length);
        for (double[] row : drawn.keptRows()) {
            assertTrue(!Arrays.equals(row, X[0]), "a row on a center has no chance");
        }
    }

    @Test
    void emptyClustersMoveOntoTheFarthestRows() {
        double[][] centers = {X[0], {1e6, 1e6, 1e6, 1e6}};
        double[] origin = mean(X);
        PassStatistics pass = PassStatistics.of(centers, origin).add(X, null, 0);
        assertEquals(1, pass.emptyClusters());
        PassStatistics farthest = PassStatistics.withFarthest(centers, origin, 3).add(X, null, 0);
        assertEquals(1, pass.relocateEmptyClusters(farthest));
        assertArrayEquals(farthest.keptRows()[0], pass.means()[1], 1e-9);
        assertEquals(X.length - 1, pass.weights()[0]);
    }

    @Test
    void anOnlineStepFromStatisticsEqualsTheStepOnTheRows() {
        KMeansConfig config = KMeansConfig.builder(6).mode(Mode.STOCHASTIC).seed(2).threads(1).initializer(Initializers.explicit(START))
                .stochastic(KMeansConfig.Stochastic.defaults().withReassignmentRatio(0)).build();
        double[][] batch = Arrays.copyOf(X, 1000);
        try (MiniBatchKMeans fromRows = new MiniBatchKMeans(config); MiniBatchKMeans gathered = new MiniBatchKMeans(config)) {
            fromRows.partialFit(batch);
            gathered.partialFit(PassStatistics.of(START, mean(batch)).add(batch, null, 0));
            double[][] expected = fromRows.model().centroids();
            for (int c = 0; c < 6; c++) {
                assertArrayEquals(expected[c], gathered.model().centroid(c), 1e-9);
            }
            assertArrayEquals(fromRows.model().sizes(), gathered.model().sizes());
            PassStatistics stale = PassStatistics.of(START, mean(batch)).add(batch, null, 0);
            assertThrows(RuntimeException.class, () -> gathered.partialFit(stale), "statistics of other centers are refused");
        }
    }
}
