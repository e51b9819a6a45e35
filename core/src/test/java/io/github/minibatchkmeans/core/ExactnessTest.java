package io.github.minibatchkmeans.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** EXACT mode is in-memory Lloyd, whatever the batch size and thread count. */
class ExactnessTest {
    private static final int N = 2_500;
    private static final int D = 5;
    private static final int K = 6;

    /** Streams the rows through a reader in batches of {@code batch}, rather than in place. */
    private static KMeansModel fit(ArraySource source, double[][] init, int batch, int threads) throws IOException {
        KMeansConfig config = KMeansConfig.builder(K).initializer(Initializers.explicit(init))
                .batchSize(batch).threads(threads).build();
        return new MiniBatchKMeans(config).fit(new CountingSource(source));
    }

    @Test
    void matchesSimpleLloydForEveryBatchSizeAndThreadCountBitForBit() throws IOException {
        double[][] x = TestData.uniform(N, D, 11);
        double[][] init = TestData.rows(x, 0, K);
        SimpleLloyd reference = new SimpleLloyd(x, init, Parameters.TOLERANCE.defaultValue(Mode.EXACT).orElseThrow(), 300);
        ArraySource source = ArraySource.of(x);

        List<KMeansModel> models = new ArrayList<>();
        for (int batch : new int[] {1, 7, 1000, N}) {
            for (int threads : new int[] {1, 2, 4}) {
                KMeansModel model = fit(source, init, batch, threads);
                String setting = "batch " + batch + ", threads " + threads;
                assertArrayEquals(reference.labels, TestData.labels(model, source, N), setting);
                assertEquals(reference.iterations, model.iterations(), setting);
                for (int c = 0; c < K; c++) {
                    for (int j = 0; j < D; j++) {
                        double expected = reference.centers[c][j];
                        assertEquals(expected, model.centroids()[c][j], 1e-9 * Math.max(1, Math.abs(expected)), setting);
                    }
                }
                models.add(model);
            }
        }
        for (KMeansModel model : models) {
            for (int c = 0; c < K; c++) {
                assertArrayEquals(models.get(0).centroids()[c], model.centroids()[c], 0.0, "bit-identical centroids");
            }
            assertEquals(models.get(0).inertia(), model.inertia(), 0.0);
            assertArrayEquals(models.get(0).sizes(), model.sizes(), 0.0);
        }
        assertTrue(models.get(0).iterations() > 2, "the data should need several iterations to be a real test");
    }

    @Test
    void seededKMeansPlusPlusIsBitIdenticalAcrossThreadsAndBatchSizes() throws IOException {
        double[][] x = TestData.blobs(3_000, 4, 5, 3.0, 5);
        ArraySource source = ArraySource.of(x);
        KMeansModel first = null;
        for (int batch : new int[] {13, 512, 3_000}) {
            for (int threads : new int[] {1, 3}) {
                KMeansConfig config = KMeansConfig.builder(5).seed(42).batchSize(batch).threads(threads).build();
                KMeansModel model = new MiniBatchKMeans(config).fit(new CountingSource(source));
                if (first == null) {
                    first = model;
                }
                for (int c = 0; c < 5; c++) {
                    assertArrayEquals(first.centroids()[c], model.centroids()[c], 0.0);
                }
            }
        }
    }

    @Test
    void reportsInertiaAndSizesOfTheReturnedCentroids() throws IOException {
        double[][] x = TestData.uniform(800, 3, 2);
        double[][] init = TestData.rows(x, 0, 4);
        KMeansConfig config = KMeansConfig.builder(4).initializer(Initializers.explicit(init)).maxIterations(2).build();
        KMeansModel model = new MiniBatchKMeans(config).fit(ArraySource.of(x));
        int[] labels = SimpleLloyd.assign(x, model.centroids());
        double inertia = 0;
        double[] sizes = new double[4];
        for (int i = 0; i < x.length; i++) {
            double[] c = model.centroids()[labels[i]];
            for (int j = 0; j < 3; j++) {
                inertia += (x[i][j] - c[j]) * (x[i][j] - c[j]);
            }
            sizes[labels[i]]++;
        }
        assertEquals(2, model.iterations());
        assertEquals(false, model.converged(), "stopped by maxIterations");
        assertEquals(inertia, model.inertia(), 1e-9 * inertia);
        assertArrayEquals(sizes, model.sizes(), 0.0);
        assertEquals(2, model.history().size());
    }
}
