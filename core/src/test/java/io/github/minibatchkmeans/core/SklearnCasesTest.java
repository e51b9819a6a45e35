package io.github.minibatchkmeans.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The small cases scikit-learn's own test suite (test_k_means.py) publishes for Lloyd. */
class SklearnCasesTest {
    private static final double[][] X = {{0, 0}, {0.5, 0}, {0.5, 1}, {1, 1}};

    private static KMeansModel fit(ArraySource source, double[][] init) throws IOException {
        KMeansConfig config = KMeansConfig.builder(init.length).initializer(Initializers.explicit(init)).threads(1).build();
        return new MiniBatchKMeans(config).fit(source);
    }

    @Test
    void weightedCaseFromTestKmeansResults() throws IOException {
        // sklearn test_kmeans_results: weights [3,1,1,3] pull the means towards the heavy rows.
        ArraySource source = ArraySource.of(X, new double[] {3, 1, 1, 3});
        KMeansModel model = fit(source, new double[][] {{0, 0}, {1, 1}});
        assertArrayEquals(new int[] {0, 0, 1, 1}, TestData.labels(model, source, 4));
        assertEquals(0.375, model.inertia(), 1e-12);
        assertArrayEquals(new double[] {0.125, 0}, model.centroids()[0], 1e-12);
        assertArrayEquals(new double[] {0.875, 1}, model.centroids()[1], 1e-12);
        assertEquals(2, model.iterations());
        assertTrue(model.converged());
    }

    @Test
    void unweightedCaseWithEmptyClusterFromTestKmeansResults() throws IOException {
        // The second center starts far away and is empty after the first pass: it is relocated.
        KMeansModel model = fit(ArraySource.of(X), new double[][] {{0.5, 0.5}, {3, 3}});
        assertEquals(0.25, model.inertia(), 1e-12);
        assertEquals(3, model.iterations());
    }

    @Test
    void emptyClusterTakesTheFarthestPointAndItsWeight() throws IOException {
        // sklearn test_kmeans_relocated_clusters: both points join -1; 1 is farthest and moves.
        KMeansModel model = fit(ArraySource.of(new double[][] {{-1}, {1}}, new double[] {1.9, 0.1}),
                new double[][] {{-1}, {10}});
        assertArrayEquals(new double[] {-1}, model.centroids()[0], 1e-12);
        assertArrayEquals(new double[] {1}, model.centroids()[1], 1e-12);
        assertArrayEquals(new double[] {1.9, 0.1}, model.sizes(), 1e-12);
        assertEquals(0.0, model.inertia(), 1e-12);
    }
}
