package io.github.minibatchkmeans.core.internal.init;

import io.github.minibatchkmeans.core.internal.stats.RowRandom;
import io.github.minibatchkmeans.core.spi.InitContext;
import io.github.minibatchkmeans.core.spi.Initializer;
import io.github.minibatchkmeans.core.spi.Sample;
import java.util.SplittableRandom;

/**
 * Greedy k-means++ (Arthur &amp; Vassilvitskii 2007, in scikit-learn's greedy form) on weighted
 * points: the first center is drawn with probability proportional to weight; each further one is
 * the best, by resulting potential, of {@code 2 + ⌊ln k⌋} candidates drawn proportionally to
 * weight × squared distance to the nearest chosen center. Runs on the in-memory sample, and on
 * the weighted candidates of k-means||.
 */
public final class GreedyKMeansPlusPlus implements Initializer {

    @Override
    public double[][] initialCenters(InitContext context, int k, SplittableRandom random) {
        Sample sample = context.sample();
        return seed(sample.data(), sample.weights(), sample.dims(), k, random);
    }

    @Override
    public String name() {
        return "k-means++";
    }

    /** Chooses {@code k} of the {@code weights.length} weighted points in {@code data} (row-major). */
    static double[][] seed(double[] data, double[] weights, int dims, int k, SplittableRandom random) {
        int n = weights.length;
        int trials = 2 + (int) Math.log(k);
        double[][] centers = new double[k][];
        double[] closest = new double[n];
        double[] candidate = new double[n];
        double[] bestCandidate = new double[n];
        double[] cumulative = new double[n];

        int first = draw(weights, null, cumulative, random.nextDouble());
        centers[0] = row(data, first, dims);
        double potential = 0;
        for (int i = 0; i < n; i++) {
            closest[i] = squaredDistance(data, i, centers[0], dims);
            potential += weights[i] * closest[i];
        }
        for (int c = 1; c < k; c++) {
            int best = -1;
            double bestPotential = Double.POSITIVE_INFINITY;
            for (int t = 0; t < trials; t++) {
                // Once every point coincides with a center, D² is all zero: fall back to drawing by weight.
                int id = potential > 0 ? draw(weights, closest, cumulative, random.nextDouble())
                        : draw(weights, null, cumulative, random.nextDouble());
                double[] centerCandidate = row(data, id, dims);
                double p = 0;
                for (int i = 0; i < n; i++) {
                    candidate[i] = Math.min(closest[i], squaredDistance(data, i, centerCandidate, dims));
                    p += weights[i] * candidate[i];
                }
                if (p < bestPotential) {
                    bestPotential = p;
                    best = id;
                    System.arraycopy(candidate, 0, bestCandidate, 0, n);
                }
            }
            centers[c] = row(data, best, dims);
            System.arraycopy(bestCandidate, 0, closest, 0, n);
            potential = bestPotential;
        }
        return centers;
    }

    /** Draws an index with probability ∝ weight. */
    static int drawByWeight(double[] weights, double u) {
        return draw(weights, null, new double[weights.length], u);
    }

    /** Draws an index with probability ∝ weight (× distance, when given), by inverse CDF. */
    private static int draw(double[] weights, double[] distances, double[] cumulative, double u) {
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            total += distances == null ? weights[i] : weights[i] * distances[i];
            cumulative[i] = total;
        }
        return RowRandom.firstAbove(cumulative, weights.length, u * total);
    }

    private static double[] row(double[] data, int i, int dims) {
        double[] r = new double[dims];
        System.arraycopy(data, i * dims, r, 0, dims);
        return r;
    }

    static double squaredDistance(double[] data, int i, double[] center, int dims) {
        double sum = 0;
        int base = i * dims;
        for (int j = 0; j < dims; j++) {
            double diff = data[base + j] - center[j];
            sum += diff * diff;
        }
        return sum;
    }

    /** Stateless: every instance draws alike. */
    @Override
    public boolean equals(Object o) {
        return o instanceof GreedyKMeansPlusPlus;
    }

    @Override
    public int hashCode() {
        return GreedyKMeansPlusPlus.class.hashCode();
    }
}
