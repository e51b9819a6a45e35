package io.github.minibatchkmeans.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.Initializers;
import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.MiniBatchKMeans;
import io.github.minibatchkmeans.core.SimpleLloyd;
import io.github.minibatchkmeans.core.TestData;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The statistics distributed engines build passes from: parts merge into the whole, in any cut and order. */
class GatheredStatisticsTest {
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
    private static GatheredStatistics inParts(double[][] centers, double[][] rows, int[] cuts, int[] order) {
        GatheredStatistics[] parts = new GatheredStatistics[cuts.length + 1];
        int from = 0;
        for (int p = 0; p < parts.length; p++) {
            int to = p < cuts.length ? cuts[p] : rows.length;
            parts[p] = GatheredStatistics.of(centers, mean(rows)).add(Arrays.copyOfRange(rows, from, to), null, from);
            from = to;
        }
        GatheredStatistics total = parts[order[0]];
        for (int i = 1; i < order.length; i++) {
            total = total.merge(parts[order[i]]);
        }
        return total;
    }

    @Test
    void oneLloydIterationOfTheWholeEqualsTheCoresAndAnyCutGivesTheSameBits() {
        GatheredStatistics whole = inParts(START, X, new int[0], new int[] {0});
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

        GatheredStatistics cut = inParts(START, X, new int[] {17, 3000, 3001, 7777}, new int[] {3, 0, 4, 2, 1});
        assertTrue(Arrays.deepEquals(means, cut.means()), "compensated sums do not depend on the cut or the merge order");
        assertEquals(whole.inertia(), cut.inertia());
        assertArrayEquals(whole.weights(), cut.weights());
    }

    @Test
    void keptRowsDoNotDependOnTheCut() {
        double[] origin = mean(X);
        GatheredStatistics whole = GatheredStatistics.withSample(START, origin, 10, 5).add(X, null, 0);
        GatheredStatistics cut = GatheredStatistics.withSample(START, origin, 10, 5).add(Arrays.copyOf(X, 4000), null, 0)
                .merge(GatheredStatistics.withSample(START, origin, 10, 5).add(Arrays.copyOfRange(X, 4000, X.length), null, 4000));
        assertTrue(Arrays.deepEquals(whole.keptRows(), cut.keptRows()));
        assertEquals(10, whole.keptRows().length);

        GatheredStatistics drawn = GatheredStatistics.withDistanceSample(new double[][] {X[0]}, origin, 3, 9).add(X, null, 0);
        assertEquals(3, drawn.keptRows().length);
        for (double[] row : drawn.keptRows()) {
            assertTrue(!Arrays.equals(row, X[0]), "a row on a center has no chance");
        }
    }

    @Test
    void emptyClustersMoveOntoTheFarthestRows() {
        double[][] centers = {X[0], {1e6, 1e6, 1e6, 1e6}};
        double[] origin = mean(X);
        GatheredStatistics pass = GatheredStatistics.of(centers, origin).add(X, null, 0);
        assertEquals(1, pass.emptyClusters());
        GatheredStatistics farthest = GatheredStatistics.withFarthest(centers, origin, 3).add(X, null, 0);
        assertEquals(1, pass.relocateEmptyClusters(farthest));
        assertArrayEquals(farthest.keptRows()[0], pass.means()[1], 1e-9);
        assertEquals(X.length - 1, pass.weights()[0]);
    }

    @Test
    void anOnlineStepFromStatisticsEqualsTheStepOnTheRows() throws IOException {
        Settings settings = new Settings(6, Initializers.explicit(START), 300, 0, 4096, 1, 2, 10_000, false, 0, Settings.Bounds.AUTO,
                1 << 20, 0, 10, 0, io.github.minibatchkmeans.core.internal.metric.Geometry.EUCLIDEAN,
                io.github.minibatchkmeans.core.internal.metric.NominalModes.NONE, Settings.Missing.ERROR);
        double[][] batch = Arrays.copyOf(X, 1000);
        double[] flat = new double[1000 * 4];
        double[] weights = new double[1000];
        for (int i = 0; i < 1000; i++) {
            System.arraycopy(batch[i], 0, flat, i * 4, 4);
            weights[i] = 1;
        }
        OnlineLearner fromRows = new OnlineLearner(settings, 4, START, null);
        OnlineLearner gathered = new OnlineLearner(settings, 4, START, null);
        fromRows.partialFit(io.github.minibatchkmeans.core.internal.rows.DenseRows.of(flat, weights, 4));
        gathered.step(GatheredStatistics.of(START, mean(batch)).add(batch, null, 0));
        for (int c = 0; c < 6; c++) {
            assertArrayEquals(fromRows.centers()[c], gathered.centers()[c], 1e-9);
        }
        assertArrayEquals(fromRows.counts(), gathered.counts());
        GatheredStatistics stale = GatheredStatistics.of(START, mean(batch)).add(batch, null, 0);
        assertThrows(RuntimeException.class, () -> gathered.step(stale), "statistics of other centers are refused");
    }
}
