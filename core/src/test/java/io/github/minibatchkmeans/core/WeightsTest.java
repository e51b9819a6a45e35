package io.github.minibatchkmeans.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A weight is a multiplicity; only relative weights matter. */
class WeightsTest {
    private final double[][] x = TestData.uniform(600, 3, 8);
    private final double[][] init = TestData.rows(x, 0, 4);

    private KMeansModel fit(ArraySource source) throws IOException {
        return new MiniBatchKMeans(KMeansConfig.builder(4).initializer(Initializers.explicit(init)).build()).fit(source);
    }

    @Test
    void integerWeightsEqualRepeatedRows() throws IOException {
        Random random = new Random(3);
        double[] weights = new double[x.length];
        List<double[]> repeated = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            weights[i] = random.nextInt(4); // 0 drops the row
            for (int r = 0; r < weights[i]; r++) {
                repeated.add(x[i]);
            }
        }
        KMeansModel weighted = fit(ArraySource.of(x, weights));
        KMeansModel expanded = fit(ArraySource.of(repeated.toArray(double[][]::new)));
        assertEquals(expanded.iterations(), weighted.iterations());
        assertEquals(expanded.inertia(), weighted.inertia(), 1e-9 * expanded.inertia());
        assertArrayEquals(expanded.sizes(), weighted.sizes(), 1e-9);
        for (int c = 0; c < 4; c++) {
            assertArrayEquals(expanded.centroids()[c], weighted.centroids()[c], 1e-9);
        }
    }

    @Test
    void scalingAllWeightsChangesNothing() throws IOException {
        double[] weights = new double[x.length];
        double[] scaled = new double[x.length];
        Random random = new Random(4);
        for (int i = 0; i < x.length; i++) {
            weights[i] = 0.1 + random.nextDouble();
            scaled[i] = 37.5 * weights[i];
        }
        KMeansModel a = fit(ArraySource.of(x, weights));
        KMeansModel b = fit(ArraySource.of(x, scaled));
        assertEquals(a.iterations(), b.iterations());
        assertEquals(37.5 * a.inertia(), b.inertia(), 1e-9 * b.inertia());
        for (int c = 0; c < 4; c++) {
            assertArrayEquals(a.centroids()[c], b.centroids()[c], 1e-12);
        }
    }
}
