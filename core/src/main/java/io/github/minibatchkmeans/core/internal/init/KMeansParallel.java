package io.github.minibatchkmeans.core.internal.init;

import io.github.minibatchkmeans.core.spi.InitContext;
import io.github.minibatchkmeans.core.spi.InitContext.DistanceDraw;
import io.github.minibatchkmeans.core.spi.Initializer;
import io.github.minibatchkmeans.core.spi.Sample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Scalable k-means++ — "k-means||" (Bahmani, Moseley, Vattani, Kumar, Vassilvitskii 2012): a few
 * oversampling passes over the data instead of k-means++'s k sequential ones, through nothing but
 * the public {@link InitContext}, so it runs wherever the data is.
 *
 * <ol>
 *   <li>One candidate drawn (by weight) from the in-memory sample.</li>
 *   <li>{@code rounds} passes; each measures every row's squared distance D² to its nearest
 *       candidate and draws {@code ℓ} more rows with probability ∝ weight × D²
 *       ({@link InitContext#drawByDistance}).</li>
 *   <li>One pass weighing each candidate by the weight of the rows nearest to it.</li>
 *   <li>Weighted greedy k-means++ on the candidates picks the k centers.</li>
 * </ol>
 * So the data is read {@code rounds + 1} times (default 6).
 */
public final class KMeansParallel implements Initializer {
    private final int oversampling;
    private final int rounds;

    /** @param oversampling ℓ, candidates per round; 0 means 2k */
    public KMeansParallel(int oversampling, int rounds) {
        this.oversampling = oversampling;
        this.rounds = rounds;
    }

    @Override
    public String name() {
        return "k-means||";
    }

    @Override
    public double[][] initialCenters(InitContext context, int k, SplittableRandom random) throws IOException {
        int ell = oversampling == 0 ? 2 * k : oversampling;
        List<double[]> pool = new ArrayList<>(List.of(firstCandidate(context.sample(), random)));
        long seed = random.nextLong();
        for (int round = 1; round <= rounds; round++) {
            DistanceDraw drawn = context.drawByDistance(pool.toArray(double[][]::new), ell, seed + round);
            if (drawn.cost() == 0) {
                break; // every row sits on a candidate already
            }
            pool.addAll(List.of(drawn.rows()));
        }
        double[][] candidates = pool.toArray(double[][]::new);
        double[] weights = context.drawByDistance(candidates, 0, seed).centerWeights();
        return fromCandidates(candidates, weights, k, random);
    }

    /** The first candidate: a row of the uniform sample, drawn by weight. */
    private static double[] firstCandidate(Sample sample, SplittableRandom random) {
        int dims = sample.dims();
        double[] first = new double[dims];
        System.arraycopy(sample.data(), GreedyKMeansPlusPlus.drawByWeight(sample.weights(), random.nextDouble()) * dims,
                first, 0, dims);
        return first;
    }

    /** The last step: weighted greedy k-means++ over the candidates, each weighing what the rows nearest to it weigh. */
    private static double[][] fromCandidates(double[][] candidates, double[] weights, int k, SplittableRandom random) {
        int dims = candidates[0].length;
        double[] flat = new double[candidates.length * dims];
        for (int c = 0; c < candidates.length; c++) {
            System.arraycopy(candidates[c], 0, flat, c * dims, dims);
        }
        return GreedyKMeansPlusPlus.seed(flat, weights, dims, k, random);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KMeansParallel other && other.oversampling == oversampling && other.rounds == rounds;
    }

    @Override
    public int hashCode() {
        return 31 * oversampling + rounds;
    }
}
