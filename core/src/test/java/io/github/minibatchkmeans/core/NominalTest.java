package io.github.minibatchkmeans.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Nominal attributes as k-prototypes (Huang 1998) against a plain reference written here: rows
 * hold numeric values and per nominal attribute a value index; each row goes to the prototype of
 * the least numeric squared distance plus γ per differing value (ties to the lowest index); a
 * prototype takes its rows' weighted numeric means and, per attribute, the value of the highest
 * weighted count (ties to the lowest value).
 */
class NominalTest {
    private static final int NUMERIC = 2;
    private static final int[] VALUES = {3, 4};
    private static final int WIDTH = NUMERIC + 3 + 4;

    /** Mixed rows around {@code k} prototypes: numeric noise, each nominal value the prototype's with probability 0.7. */
    private static int[][] nominal(int n, int k, Random random, double[][] numeric) {
        double[][] centres = new double[k][NUMERIC];
        int[][] modes = new int[k][VALUES.length];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < NUMERIC; j++) {
                centres[c][j] = 3 * random.nextDouble();
            }
            for (int a = 0; a < VALUES.length; a++) {
                modes[c][a] = random.nextInt(VALUES[a]);
            }
        }
        int[][] codes = new int[n][VALUES.length];
        for (int i = 0; i < n; i++) {
            int c = i % k;
            for (int j = 0; j < NUMERIC; j++) {
                numeric[i][j] = centres[c][j] + 0.6 * random.nextGaussian();
            }
            for (int a = 0; a < VALUES.length; a++) {
                codes[i][a] = random.nextDouble() < 0.7 ? modes[c][a] : random.nextInt(VALUES[a]);
            }
        }
        return codes;
    }

    /** The rows the estimator is given: numeric columns, then each attribute's one-hot columns holding {@code one}. */
    private static double[][] encode(double[][] numeric, int[][] codes, double one) {
        double[][] x = new double[numeric.length][WIDTH];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(numeric[i], 0, x[i], 0, NUMERIC);
            int offset = NUMERIC;
            for (int a = 0; a < VALUES.length; a++) {
                x[i][offset + codes[i][a]] = one;
                offset += VALUES[a];
            }
        }
        return x;
    }

    private static KMeansConfig.Builder declared(KMeansConfig.Builder b) {
        return b.nominalColumns(NUMERIC, VALUES[0]).nominalColumns(NUMERIC + VALUES[0], VALUES[1]);
    }

    /** The reference's prototypes: numeric means and modes, updated in place until no label changes; returns the labels. */
    private static int[] kPrototypes(double[][] numeric, int[][] codes, double[] w, double gamma, double[][] means, int[][] modes) {
        int k = means.length;
        int[] labels = null;
        for (int iteration = 0; iteration < 300; iteration++) {
            int[] next = new int[numeric.length];
            for (int i = 0; i < numeric.length; i++) {
                double best = Double.POSITIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    double cost = cost(numeric[i], codes[i], means[c], modes[c], gamma);
                    if (cost < best) {
                        best = cost;
                        next[i] = c;
                    }
                }
            }
            if (java.util.Arrays.equals(next, labels)) {
                return labels;
            }
            labels = next;
            double[][] sums = new double[k][NUMERIC];
            double[] weights = new double[k];
            double[][][] counts = new double[k][VALUES.length][];
            for (int c = 0; c < k; c++) {
                for (int a = 0; a < VALUES.length; a++) {
                    counts[c][a] = new double[VALUES[a]];
                }
            }
            for (int i = 0; i < numeric.length; i++) {
                int c = labels[i];
                weights[c] += w[i];
                for (int j = 0; j < NUMERIC; j++) {
                    sums[c][j] += w[i] * numeric[i][j];
                }
                for (int a = 0; a < VALUES.length; a++) {
                    counts[c][a][codes[i][a]] += w[i];
                }
            }
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < NUMERIC; j++) {
                    means[c][j] = sums[c][j] / weights[c];
                }
                for (int a = 0; a < VALUES.length; a++) {
                    int mode = 0;
                    for (int v = 1; v < VALUES[a]; v++) {
                        mode = counts[c][a][v] > counts[c][a][mode] ? v : mode;
                    }
                    modes[c][a] = mode;
                }
            }
        }
        throw new IllegalStateException("no convergence");
    }

    private static double cost(double[] numeric, int[] codes, double[] mean, int[] mode, double gamma) {
        double cost = 0;
        for (int j = 0; j < NUMERIC; j++) {
            cost += (numeric[j] - mean[j]) * (numeric[j] - mean[j]);
        }
        for (int a = 0; a < VALUES.length; a++) {
            cost += codes[a] == mode[a] ? 0 : gamma;
        }
        return cost;
    }

    @Test
    void exactModeIsKPrototypesFromTheSameStartForAnyThreadsAndPruning() {
        Random random = new Random(5);
        double[][] numeric = new double[4000][NUMERIC];
        int[][] codes = nominal(numeric.length, 4, random, numeric);
        double[] w = new double[numeric.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.5 + random.nextDouble();
        }
        for (double gamma : new double[] {1, 2.5}) {
            KMeansConfig base = declared(KMeansConfig.builder(4)).nominalWeight(gamma).build();
            double[][] x = encode(numeric, codes, base.nominalValue());
            double[][] means = new double[4][];
            int[][] modes = new int[4][];
            double[][] start = new double[4][];
            for (int c = 0; c < 4; c++) {
                means[c] = numeric[c].clone();
                modes[c] = codes[c].clone();
                start[c] = x[c].clone();
            }
            int[] expected = kPrototypes(numeric, codes, w, gamma, means, modes);
            double expectedCost = 0;
            for (int i = 0; i < x.length; i++) {
                expectedCost += w[i] * cost(numeric[i], codes[i], means[expected[i]], modes[expected[i]], gamma);
            }
            for (Pruning pruning : new Pruning[] {Pruning.AUTO, Pruning.OFF, Pruning.ELKAN}) {
                double[][] first = null;
                for (int threads : new int[] {1, 3}) {
                    String what = "gamma " + gamma + ", " + pruning + ", " + threads + " threads";
                    MiniBatchKMeans kmeans = new MiniBatchKMeans(base.toBuilder().initializer(Initializers.explicit(start))
                            .tolerance(0).pruning(pruning).threads(threads).batchSize(333).build());
                    assertArrayEquals(expected, kmeans.fitPredict(x, w), what);
                    KMeansModel model = kmeans.model();
                    double[][] expectedCentroids = encode(means, modes, base.nominalValue());
                    for (int c = 0; c < 4; c++) {
                        assertArrayEquals(expectedCentroids[c], model.centroid(c), 1e-12, what + ": prototype " + c);
                    }
                    assertEquals(expectedCost, model.inertia(), 1e-9 * expectedCost, what + ": numeric squares + gamma per mismatch");
                    if (first == null) {
                        first = model.centroids();
                    }
                    assertArrayEquals(first, model.centroids(), what + ": the bits of 1 thread");
                }
            }
        }
    }

    @Test
    void aMismatchCostsTheNominalWeightAndTiesGoToTheFirstValue() {
        KMeansConfig config = KMeansConfig.builder(1).nominalColumns(1, 2).nominalWeight(3).build();
        double one = config.nominalValue();
        assertEquals(Math.sqrt(1.5), one, 0.0);
        // value 1 first, then value 0: the same count, so the first value is the mode whatever the order
        double[][] x = {{0, 0, one}, {2, one, 0}};
        KMeansModel model = new MiniBatchKMeans(config).fit(x);
        assertArrayEquals(new double[] {1, one, 0}, model.centroid(0), 0.0);
        assertEquals(1 + 3, model.transform(new double[] {0, 0, one})[0] * model.transform(new double[] {0, 0, one})[0], 1e-12,
                "1 numeric, 3 for the other value");
        assertEquals(1 + 0 + 1 + 3, model.inertia(), 1e-12);
    }

    @Test
    void oneHotCentroidsKeepTheValuesFrequencies() {
        KMeansConfig config = KMeansConfig.builder(1).nominalColumns(0, 3).nominal(Nominal.ONE_HOT).build();
        double one = config.nominalValue();
        double[][] x = {{one, 0, 0}, {one, 0, 0}, {0, 0, one}, {0, one, 0}};
        assertArrayEquals(new double[] {one / 2, one / 4, one / 4}, new MiniBatchKMeans(config).fit(x).centroid(0), 1e-15);
    }

    @Test
    void cosineCentroidsStayUnitLengthMeans() {
        double[][] x = new Random(4).doubles(300).mapToObj(v -> v < 0.5 ? new double[] {v + 0.1, 1, 0} : new double[] {v, 0, 1})
                .toArray(double[][]::new);
        KMeansConfig plain = KMeansConfig.builder(2).metric(Metric.COSINE).seed(3).build();
        KMeansModel declared = new MiniBatchKMeans(plain.toBuilder().nominalColumns(1, 2).build()).fit(x);
        assertArrayEquals(new MiniBatchKMeans(plain).fit(x).centroids(), declared.centroids(), "a mode is not a direction");
    }

    @Test
    void declarationsThatCannotHoldAreRefusedNamingTheKnob() {
        InvalidConfigException overlap = assertThrows(InvalidConfigException.class,
                () -> KMeansConfig.builder(2).nominalColumns(1, 3).nominalColumns(3, 2));
        assertEquals("nominal: the nominal attribute at columns 3..4 overlaps the one at 1..3", overlap.getMessage());
        assertEquals("nominal", assertThrows(InvalidConfigException.class, () -> KMeansConfig.builder(2).nominalColumns(-1, 2))
                .field());
        assertEquals("nominalWeight", assertThrows(InvalidConfigException.class, () -> KMeansConfig.builder(2).nominalWeight(0)
                .build()).field());
        double[][] x = new Random(1).doubles(40).mapToObj(v -> new double[] {v, 1 - v, v}).toArray(double[][]::new);
        InvalidConfigException beyond = assertThrows(InvalidConfigException.class,
                () -> new MiniBatchKMeans(KMeansConfig.builder(2).nominalColumns(2, 2).build()).fit(x));
        assertEquals("nominal: the nominal attribute at columns 2..3 lies beyond the rows' 3 columns", beyond.getMessage());
        assertEquals(KMeansConfig.builder(2).nominalColumns(0, 2).build(), KMeansConfig.builder(2).nominalColumns(0, 2).build()
                .toBuilder().build(), "toBuilder keeps the declarations");
    }
}
