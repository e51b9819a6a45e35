package io.github.minibatchkmeans.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A sweep over k: each k's model as a fit of that k alone, the scores against plain definitions, the passes shared. */
class SweepTest {
    private static final double[][] BLOBS = TestData.blobs(3_000, 3, 5, 6, 7);

    private static KMeansConfig.Builder config(int k) {
        return KMeansConfig.builder(k).seed(5).threads(1);
    }

    @Test
    void eachModelIsTheFitOfItsKAloneForAnyThreadCountAndPruning() throws IOException {
        for (Pruning pruning : List.of(Pruning.AUTO, Pruning.OFF, Pruning.ELKAN)) {
            for (int threads : new int[] {1, 3}) {
                KSweep sweep = new MiniBatchKMeans(config(2).kMax(8).threads(threads).pruning(pruning).build())
                        .sweep(new CountingSource(ArraySource.of(BLOBS)));
                assertEquals(7, sweep.models().size());
                for (int k = 2; k <= 8; k++) {
                    KMeansModel alone = new MiniBatchKMeans(config(k).pruning(pruning).build()).fit(BLOBS);
                    KMeansModel swept = sweep.model(k);
                    String where = "k = " + k + ", " + threads + " threads, pruning " + pruning;
                    assertTrue(java.util.Arrays.deepEquals(alone.centroids(), swept.centroids()), where);
                    assertArrayEquals(alone.sizes(), swept.sizes(), where);
                    assertEquals(alone.inertia(), swept.inertia(), where);
                    assertEquals(alone.iterations(), swept.iterations(), where);
                    assertEquals(alone.inertia(), sweep.scores().get(k - 2).inertia(), where);
                }
            }
        }
    }

    @Test
    void aStepSkipsKs() {
        KSweep sweep = new MiniBatchKMeans(config(2).kMax(9).kStep(3).build()).sweep(BLOBS, null);
        assertEquals(List.of(2, 5, 8), sweep.scores().stream().map(KScore::k).toList());
    }

    @Test
    void everyPassServesEveryKStillRunning() throws IOException {
        CountingSource source = new CountingSource(ArraySource.of(BLOBS));
        new MiniBatchKMeans(config(2).kMax(8).build()).sweep(source);
        int longest = 0;
        for (int k = 2; k <= 8; k++) {
            CountingSource alone = new CountingSource(ArraySource.of(BLOBS));
            new MiniBatchKMeans(config(k).build()).fit(alone);
            longest = Math.max(longest, alone.passes());
        }
        assertEquals(longest + 1, source.passes(), "the longest fit's passes (its statistics pass shared) and one scoring pass");
    }

    @Test
    void theScoresAreThoseOfTheirDefinitions() {
        // a fixed point (tol 0): centroids are the means of their rows, as the label-based definitions use
        KSweep sweep = new MiniBatchKMeans(config(2).kMax(7).tolerance(0).build()).sweep(BLOBS, null);
        assertEquals(BLOBS.length, sweep.silhouetteRows(), "every row fits the silhouette's sample");
        for (KScore score : sweep.scores()) {
            KMeansModel model = sweep.model(score.k());
            int[] labels = model.predict(BLOBS);
            String where = "k = " + score.k();
            assertEquals(Reference.calinskiHarabasz(BLOBS, labels, score.k()), score.calinskiHarabasz(),
                    1e-9 * score.calinskiHarabasz(), where);
            assertEquals(Reference.daviesBouldin(BLOBS, labels, score.k()), score.daviesBouldin(), 1e-9, where);
            assertEquals(Reference.silhouette(BLOBS, labels, score.k()), score.silhouette(), 1e-12, where);
            assertEquals(Reference.bic(BLOBS, labels, score.k()), score.bic(), 1e-9 * Math.abs(score.bic()), where);
        }
        assertEquals(5, sweep.recommendedK(), "five well-separated blobs");
        assertTrue(sweep.table().contains("recommended k = 5"), sweep.table());
    }

    @Test
    void theSilhouetteSampleIsTheReservoirOfItsSize() {
        KSweep small = new MiniBatchKMeans(config(4).kMax(6).silhouetteSample(500).build()).sweep(BLOBS, null);
        KSweep again = new MiniBatchKMeans(config(4).kMax(6).silhouetteSample(500).threads(2).build()).sweep(BLOBS, null);
        assertEquals(500, small.silhouetteRows());
        for (int i = 0; i < 3; i++) {
            assertEquals(small.scores().get(i).silhouette(), again.scores().get(i).silhouette(), "same rows, same bits, any threads");
            assertEquals(small.scores().get(i).silhouette(), Reference.silhouette(BLOBS, small.models().get(i).predict(BLOBS),
                    small.scores().get(i).k()), 0.05, "a uniform sample of 500 rows estimates the whole");
        }
    }

    @Test
    void fitReturnsTheRecommendedModel() {
        KMeansConfig sweeping = config(2).kMax(8).build();
        KMeansModel model = new MiniBatchKMeans(sweeping).fit(BLOBS);
        assertEquals(5, model.k());
        assertTrue(java.util.Arrays.deepEquals(new MiniBatchKMeans(config(5).build()).fit(BLOBS).centroids(), model.centroids()));
    }

    @Test
    void badRangesAndModesAreRefused() {
        InvalidConfigException below = assertThrows(InvalidConfigException.class, () -> config(5).kMax(3).build());
        assertEquals("kMax", below.field());
        assertThrows(InvalidConfigException.class, () -> config(2).kMax(4).kStep(0).build());
        InvalidConfigException stochastic = assertThrows(InvalidConfigException.class,
                () -> new MiniBatchKMeans(config(2).kMax(4).mode(Mode.STOCHASTIC).build()).sweep(BLOBS, null));
        assertTrue(stochastic.getMessage().contains("exact mode"), stochastic.getMessage());
        assertThrows(InvalidInputException.class, () -> new MiniBatchKMeans(config(2).kMax(4000).build()).sweep(BLOBS, null));
    }

    /** The scores computed the plain way, from every row's label, as scikit-learn does. */
    static final class Reference {
        private Reference() {
        }

        static double[][] means(double[][] x, int[] labels, int k) {
            double[][] means = new double[k][x[0].length];
            int[] counts = new int[k];
            for (int i = 0; i < x.length; i++) {
                counts[labels[i]]++;
                for (int j = 0; j < x[i].length; j++) {
                    means[labels[i]][j] += x[i][j];
                }
            }
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < means[c].length; j++) {
                    means[c][j] /= counts[c];
                }
            }
            return means;
        }

        static double distance(double[] a, double[] b) {
            double s = 0;
            for (int j = 0; j < a.length; j++) {
                s += (a[j] - b[j]) * (a[j] - b[j]);
            }
            return Math.sqrt(s);
        }

        static double calinskiHarabasz(double[][] x, int[] labels, int k) {
            double[][] means = means(x, labels, k);
            double[] overall = means(x, new int[x.length], 1)[0];
            double between = 0;
            double within = 0;
            for (int i = 0; i < x.length; i++) {
                within += Math.pow(distance(x[i], means[labels[i]]), 2);
                between += Math.pow(distance(means[labels[i]], overall), 2);
            }
            return between * (x.length - k) / (within * (k - 1));
        }

        static double daviesBouldin(double[][] x, int[] labels, int k) {
            double[][] means = means(x, labels, k);
            double[] scatter = new double[k];
            int[] counts = new int[k];
            for (int i = 0; i < x.length; i++) {
                scatter[labels[i]] += distance(x[i], means[labels[i]]);
                counts[labels[i]]++;
            }
            double sum = 0;
            for (int a = 0; a < k; a++) {
                double worst = 0;
                for (int b = 0; b < k; b++) {
                    if (b != a) {
                        worst = Math.max(worst, (scatter[a] / counts[a] + scatter[b] / counts[b]) / distance(means[a], means[b]));
                    }
                }
                sum += worst;
            }
            return sum / k;
        }

        static double silhouette(double[][] x, int[] labels, int k) {
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                double[] total = new double[k];
                int[] counts = new int[k];
                for (int j = 0; j < x.length; j++) {
                    if (j != i) {
                        total[labels[j]] += distance(x[i], x[j]);
                        counts[labels[j]]++;
                    }
                }
                if (counts[labels[i]] == 0) {
                    continue;
                }
                double a = total[labels[i]] / counts[labels[i]];
                double b = Double.POSITIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    if (c != labels[i] && counts[c] > 0) {
                        b = Math.min(b, total[c] / counts[c]);
                    }
                }
                sum += (b - a) / Math.max(a, b);
            }
            return sum / x.length;
        }

        /** Pelleg & Moore's BIC, written out as in their paper. */
        static double bic(double[][] x, int[] labels, int k) {
            double[][] means = means(x, labels, k);
            int r = x.length;
            int m = x[0].length;
            double squares = 0;
            int[] counts = new int[k];
            for (int i = 0; i < r; i++) {
                squares += Math.pow(distance(x[i], means[labels[i]]), 2);
                counts[labels[i]]++;
            }
            double variance = squares / (r - k);
            double likelihood = 0;
            for (int n : counts) {
                likelihood += -n / 2.0 * Math.log(2 * Math.PI) - n * m / 2.0 * Math.log(variance) - (n - k) / 2.0
                        + n * Math.log(n) - n * Math.log(r);
            }
            return likelihood - ((k - 1) + m * k + 1) / 2.0 * Math.log(r);
        }
    }
}
