package io.github.minibatchkmeans.core.internal.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.minibatchkmeans.core.SimpleLloyd;
import io.github.minibatchkmeans.core.TestData;
import org.junit.jupiter.api.Test;

class CentroidTableTest {

    private static double[] flat(double[][] x) {
        double[] out = new double[x.length * x[0].length];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, out, i * x[0].length, x[0].length);
        }
        return out;
    }

    @Test
    void tiledAssignmentEqualsBruteForceForAnyShape() {
        for (int k : new int[] {1, 3, 4, 7, 9}) {
            for (int n : new int[] {1, 3, 4, 10, 37}) {
                double[][] x = TestData.uniform(n, 5, 31L * k + n);
                double[][] centers = TestData.uniform(k, 5, 7L * k);
                CentroidTable table = new CentroidTable(centers);
                int[] labels = new int[n + 2];
                table.assign(flat(x), 0, n, labels, 2, table.newScratch());
                int[] expected = SimpleLloyd.assign(x, centers);
                assertArrayEquals(expected, java.util.Arrays.copyOfRange(labels, 2, n + 2), "k=" + k + ", n=" + n);
                for (int i = 0; i < n; i++) {
                    assertEquals(expected[i], table.nearest(x[i], 0, table.newScratch()));
                }
            }
        }
    }

    @Test
    void tiesGoToTheLowestIndex() {
        double[][] centers = {{5, 5}, {1, 1}, {1, 1}, {-1, -1}, {1, 1}};
        CentroidTable table = new CentroidTable(centers);
        double[] x = {0, 0, 1, 1, 0, 0, 1, 1, 1, 1};
        int[] labels = new int[5];
        table.assign(x, 0, 5, labels, 0, table.newScratch());
        assertArrayEquals(new int[] {1, 1, 1, 1, 1}, labels, "(0,0) is equally far from (1,1) and (-1,-1)");
    }

    @Test
    void distanceIsTheDirectSquaredDifference() {
        CentroidTable table = new CentroidTable(new double[][] {{1e8, 1}, {0, 0}});
        assertEquals(4.0, table.distance(new double[] {1e8 + 2, 1}, 0, 0), 0.0, "no cancellation far from the origin");
    }
}
