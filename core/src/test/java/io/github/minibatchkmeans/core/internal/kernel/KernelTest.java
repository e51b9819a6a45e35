package io.github.minibatchkmeans.core.internal.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.SimpleLloyd;
import io.github.minibatchkmeans.core.TestData;
import java.util.ArrayList;
import io.github.minibatchkmeans.core.internal.rows.DenseRows;
import io.github.minibatchkmeans.core.internal.rows.FloatRows;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Both kernels — the Vector API one (the surefire JVM has the module) and the scalar one — label as brute force does. */
class KernelTest {
    private static final List<BiFunction<double[][], double[], Kernel>> KERNELS = List.of(Kernels::create, Kernels::scalar);

    @Test
    void theVectorKernelIsTheOneInUseHere() {
        assertEquals("vector", Kernels.active(), "surefire starts the JVM with --add-modules jdk.incubator.vector");
        assertEquals("scalar", Kernels.scalar(new double[][] {{1}}, new double[] {0}).name());
    }

    /** Row-major values as rows of {@code d} values each (weights 1), as passes hand them to kernels. */
    private static DenseRows rows(double[] values, int d) {
        double[] weights = new double[values.length / d];
        Arrays.fill(weights, 1);
        return DenseRows.of(values, weights, d);
    }

    private static double[] flat(double[][] x) {
        double[] out = new double[x.length * x[0].length];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, out, i * x[0].length, x[0].length);
        }
        return out;
    }

    @Test
    void labelsEqualBruteForceForAnyShapeAndPosition() {
        for (BiFunction<double[][], double[], Kernel> make : KERNELS) {
            for (int k : new int[] {1, 3, 8, 9, 10, 12, 17, 24, 26, 33, 50}) {
                for (int d : new int[] {1, 5, 16}) {
                    for (int n : new int[] {1, 3, 4, 10, 37}) {
                        double[][] x = TestData.uniform(n, d, 31L * k + n + d);
                        double[][] centers = TestData.uniform(k, d, 7L * k + d);
                        Kernel kernel = make.apply(centers, Kernel.meanOf(centers));
                        BlockLabels block = new BlockLabels(kernel, n + 2, true);
                        double[] values = new double[(n + 2) * d];
                        System.arraycopy(flat(x), 0, values, 2 * d, n * d);
                        DenseRows rows = rows(values, d);
                        block.assign(rows, 2, n + 2); // rows 2.. of the buffer: labels must not depend on position
                        int[] expected = SimpleLloyd.assign(x, centers);
                        String where = kernel.name() + " k=" + k + ", d=" + d + ", n=" + n;
                        assertArrayEquals(expected, Arrays.copyOf(block.labels, n), where);
                        for (int i = 0; i < n; i++) {
                            double direct = kernel.distance(rows, i + 2, expected[i]);
                            assertEquals(direct, block.squaredDistance(i), kernel.errorBound(10 * Math.sqrt(d)), where);
                            assertEquals(secondLowest(kernel, rows, i + 2), block.second[i], 0.0, where);
                        }
                    }
                }
            }
        }
    }

    @Test
    void float32RowsGetTheLabelsScoresAndDistancesOfTheSameValuesAsDoubles() {
        for (BiFunction<double[][], double[], Kernel> make : KERNELS) {
            for (int k : new int[] {3, 10, 17}) {
                for (int d : new int[] {5, 16, 37}) {
                    int n = 45; // whole tiles of 4 and 8 rows, and a part tile
                    double[][] centers = TestData.uniform(k, d, 3L * k + d);
                    float[] floats = new float[n * d];
                    double[] doubles = new double[n * d];
                    java.util.Random random = new java.util.Random(k + 100L * d);
                    for (int v = 0; v < floats.length; v++) {
                        floats[v] = (float) (random.nextGaussian() * 3);
                        doubles[v] = floats[v];
                    }
                    Kernel kernel = make.apply(centers, Kernel.meanOf(centers));
                    double[] weights = new double[n];
                    BlockLabels fromDoubles = new BlockLabels(kernel, n, true);
                    BlockLabels fromFloats = new BlockLabels(kernel, n, true);
                    int[] index = {44, 3, 17, 0, 9, 30}; // rows picked by index too, as pruned passes pick them
                    fromDoubles.assign(DenseRows.of(doubles, weights, d), index, index.length);
                    fromFloats.assign(FloatRows.of(floats, weights, d), index, index.length);
                    assertArrayEquals(fromDoubles.labels, fromFloats.labels);
                    fromDoubles.assign(DenseRows.of(doubles, weights, d), 0, n);
                    fromFloats.assign(FloatRows.of(floats, weights, d), 0, n);
                    String where = kernel.name() + " k=" + k + ", d=" + d;
                    assertArrayEquals(fromDoubles.labels, fromFloats.labels, where);
                    assertArrayEquals(fromDoubles.second, fromFloats.second, where);
                    double[] scoresA = new double[n * k];
                    double[] scoresB = new double[n * k];
                    kernel.scores(DenseRows.of(doubles, weights, d), 0, null, n, scoresA, new double[n], kernel.newScratch());
                    kernel.scores(FloatRows.of(floats, weights, d), 0, null, n, scoresB, new double[n], kernel.newScratch());
                    assertArrayEquals(scoresA, scoresB, where);
                    for (int i = 0; i < n; i++) {
                        assertEquals(fromDoubles.squaredDistance(i), fromFloats.squaredDistance(i), 0, where);
                        assertEquals(kernel.distance(DenseRows.of(doubles, weights, d), i, 1 % k),
                                kernel.distance(FloatRows.of(floats, weights, d), i, 1 % k), 0, where);
                    }
                }
            }
        }
    }

    /** The second-lowest of the kernel's own scores for one row (+∞ for one centroid). */
    private static double secondLowest(Kernel kernel, DenseRows rows, int row) {
        double[] scores = new double[kernel.k()];
        kernel.scores(rows, row, null, 1, scores, new double[1], kernel.newScratch());
        Arrays.sort(scores);
        return scores.length > 1 ? scores[1] : Double.POSITIVE_INFINITY;
    }

    @Test
    void allScoresMatchNearest() {
        double[][] x = TestData.uniform(21, 6, 3);
        double[][] centers = TestData.uniform(19, 6, 4);
        for (BiFunction<double[][], double[], Kernel> make : KERNELS) {
            Kernel kernel = make.apply(centers, Kernel.meanOf(centers));
            double[] norms = new double[21];
            double[] scores = new double[21 * 19];
            kernel.scores(rows(flat(x), x[0].length), 0, null, 21, scores, norms, kernel.newScratch());
            int[] expected = SimpleLloyd.assign(x, centers);
            for (int r = 0; r < 21; r++) {
                int argmin = 0;
                for (int c = 1; c < 19; c++) {
                    argmin = scores[r * 19 + c] < scores[r * 19 + argmin] ? c : argmin;
                }
                assertEquals(expected[r], argmin, kernel.name());
            }
        }
    }

    @Test
    void tiesGoToTheLowestIndex() {
        double[][] centers = {{5, 5}, {1, 1}, {1, 1}, {-1, -1}, {1, 1}};
        for (BiFunction<double[][], double[], Kernel> make : KERNELS) {
            Kernel kernel = make.apply(centers, new double[] {0, 0});
            BlockLabels block = new BlockLabels(kernel, 5, false);
            block.assign(rows(new double[] {0, 0, 1, 1, 0, 0, 1, 1, 1, 1}, 2), 0, 5);
            assertArrayEquals(new int[] {1, 1, 1, 1, 1}, Arrays.copyOf(block.labels, 5),
                    kernel.name() + ": (0,0) is equally far from (1,1) and (-1,-1)");
        }
    }

    @Test
    void tiesAcrossLanesAndPanelsGoToTheLowestIndexToo() {
        tiesGoTo(3, 40, 27, 11, 3, 19, 35); // the same point in different lanes and panels
        tiesGoTo(3, 42, 41, 27, 3, 40); // and in a padded last panel (42 = 2·16 + 10)
        tiesGoTo(40, 42, 41, 40); // and within it alone
    }

    private static void tiesGoTo(int expected, int k, int... tied) {
        double[][] centers = new double[k][];
        for (int c = 0; c < k; c++) {
            centers[c] = new double[] {10 + c, -c};
        }
        for (int c : tied) {
            centers[c] = new double[] {0.5, 0.5};
        }
        for (BiFunction<double[][], double[], Kernel> make : KERNELS) {
            Kernel kernel = make.apply(centers, new double[] {0, 0});
            BlockLabels block = new BlockLabels(kernel, 6, true);
            block.assign(rows(new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5}, 2), 0, 6);
            for (int i = 0; i < 6; i++) {
                assertEquals(expected, block.labels[i], kernel.name() + ", k = " + k);
                assertEquals(block.best[i], block.second[i], 0.0, kernel.name() + ": a tie is its own runner-up");
            }
        }
    }

    @Test
    void farFromTheOriginTheLabelsAreThoseOfTheDataMovedBack() {
        // Clusters a unit apart, 1e9 from the origin: without centring, ‖x‖² ≈ 1e18 leaves no digit for the distance.
        double[][] near = TestData.blobs(400, 3, 4, 3, 5);
        double[][] centers = {near[0].clone(), near[1].clone(), near[2].clone(), near[3].clone()};
        double[][] far = new double[near.length][];
        double[][] farCenters = new double[4][];
        for (int i = 0; i < near.length; i++) {
            far[i] = Arrays.stream(near[i]).map(v -> v + 1e9).toArray();
        }
        for (int c = 0; c < 4; c++) {
            farCenters[c] = Arrays.stream(centers[c]).map(v -> v + 1e9).toArray();
        }
        int[] expected = SimpleLloyd.assign(near, centers);
        for (BiFunction<double[][], double[], Kernel> make : KERNELS) {
            Kernel kernel = make.apply(farCenters, Kernel.meanOf(farCenters));
            BlockLabels block = new BlockLabels(kernel, far.length, false);
            block.assign(rows(flat(far), 3), 0, far.length);
            int differ = 0;
            for (int i = 0; i < far.length; i++) {
                differ += block.labels[i] == expected[i] ? 0 : 1;
            }
            // the shift itself rounds each value to 2^-23 ≈ 1e-7: only rows that close to a tie may differ
            assertTrue(differ <= 2, kernel.name() + ": " + differ + " of 400 labels differ");
        }
    }

    @Test
    void distanceIsTheDirectSquaredDifference() {
        Kernel kernel = Kernels.create(new double[][] {{1e8, 1}, {0, 0}}, new double[] {0, 0});
        assertEquals(4.0, kernel.distance(rows(new double[] {1e8 + 2, 1}, 2), 0, 0), 0.0, "no cancellation far from the origin");
    }

    @Test
    void errorBoundCoversTheKernelsDistances() {
        double[][] x = TestData.uniform(300, 40, 8);
        double[][] centers = TestData.uniform(12, 40, 9);
        for (BiFunction<double[][], double[], Kernel> make : KERNELS) {
            Kernel kernel = make.apply(centers, Kernel.meanOf(centers));
            BlockLabels block = new BlockLabels(kernel, 300, false);
            DenseRows rows = rows(flat(x), 40);
            block.assign(rows, 0, 300);
            double largest = 0;
            for (int i = 0; i < 300; i++) {
                largest = Math.max(largest, Math.sqrt(block.norms[i]));
            }
            List<Double> errors = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                errors.add(Math.abs(block.squaredDistance(i) - kernel.distance(rows, i, block.labels[i])));
            }
            double worst = errors.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            assertTrue(worst <= kernel.errorBound(largest), kernel.name() + ": " + worst + " > " + kernel.errorBound(largest));
        }
    }

    @Test
    void rowsWithGapsAreScoredOverTheFeaturesTheyHaveWhereverTheyStand() {
        for (BiFunction<double[][], double[], Kernel> make : KERNELS) {
            for (int k : new int[] {1, 3, 10, 17}) {
                int d = 7;
                int n = 21; // two full eight-row tiles and a rest; gaps in each
                double[][] x = TestData.uniform(n, d, 5L * k);
                for (int i = 0; i < n; i += 3) {
                    x[i][i % d] = Double.NaN;
                    x[i][(i + 2) % d] = Double.NaN;
                }
                double[][] centers = TestData.uniform(k, d, 11L * k);
                Kernel kernel = make.apply(centers, Kernel.meanOf(centers));
                float[] floats = new float[n * d];
                double[] widened = flat(x);
                for (int i = 0; i < floats.length; i++) {
                    floats[i] = (float) widened[i];
                    widened[i] = floats[i];
                }
                double[] ones = new double[n];
                Arrays.fill(ones, 1);
                for (var rows : List.of(rows(widened, d), FloatRows.of(floats, ones, d))) {
                    BlockLabels block = new BlockLabels(kernel, n, true);
                    block.assign(rows, 0, n);
                    double[] scores = new double[n * k];
                    kernel.scores(rows, 0, null, n, scores, new double[n], kernel.newScratch());
                    for (int i = 0; i < n; i++) {
                        double[] row = new double[d];
                        rows.copyRow(i, row, 0);
                        int nearest = 0;
                        double[] partial = new double[k];
                        for (int c = 0; c < k; c++) {
                            partial[c] = kernel.partialDistance(row, c);
                            nearest = partial[c] < partial[nearest] ? c : nearest;
                        }
                        String where = kernel.name() + " " + rows.format() + " k=" + k + " row " + i;
                        if (i % 3 == 0) {
                            assertEquals(nearest, block.labels[i], where);
                            assertEquals(partial[nearest], block.squaredDistance(i), 0.0, where);
                            assertEquals(partial[nearest], kernel.distance(rows, i, nearest), 0.0, where);
                            assertArrayEquals(partial, Arrays.copyOfRange(scores, i * k, (i + 1) * k), 0.0, where);
                        } else {
                            assertTrue(block.squaredDistance(i) >= 0 && !Double.isNaN(block.second[i]), where);
                        }
                    }
                }
            }
        }
    }
}
