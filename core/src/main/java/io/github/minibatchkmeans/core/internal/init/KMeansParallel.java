package io.github.minibatchkmeans.core.internal.init;

import io.github.minibatchkmeans.core.spi.InitContext;
import io.github.minibatchkmeans.core.spi.Initializer;
import io.github.minibatchkmeans.core.internal.assign.LloydTask;
import io.github.minibatchkmeans.core.internal.kernel.BlockLabels;
import io.github.minibatchkmeans.core.internal.kernel.Kernel;
import io.github.minibatchkmeans.core.internal.kernel.Kernels;
import io.github.minibatchkmeans.core.internal.pass.BlockTask;
import io.github.minibatchkmeans.core.internal.pass.PassRunner;
import io.github.minibatchkmeans.core.internal.pass.Rows;
import io.github.minibatchkmeans.core.internal.stats.RowRandom;
import io.github.minibatchkmeans.core.spi.Sample;
import io.github.minibatchkmeans.core.internal.stats.TopRows;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Scalable k-means++ — "k-means||" (Bahmani, Moseley, Vattani, Kumar, Vassilvitskii 2012): a few
 * oversampling passes over the stream instead of k-means++'s k sequential ones.
 *
 * <ol>
 *   <li>One center drawn (by weight) from the in-memory sample.</li>
 *   <li>{@code rounds} passes; each measures every row's squared distance D² to the candidates so
 *       far and adds about {@code ℓ} rows drawn with probability ∝ weight × D². The draw is a
 *       weighted reservoir (Efraimidis &amp; Spirakis' keys {@code ln(u)/(w·D²)}) so that one pass
 *       both measures and samples; the keys come from (seed, row), so it is deterministic.</li>
 *   <li>One pass weighting each candidate by the weight of the rows nearest to it.</li>
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
    public double[][] initialCenters(InitContext plain, int k, SplittableRandom random) throws IOException {
        if (!(plain instanceof StreamingInitContext context)) {
            throw new IllegalStateException("k-means|| streams over the data: it runs inside a fit, not on its own");
        }
        int dims = context.dimensions();
        int ell = oversampling == 0 ? 2 * k : oversampling;
        Sample sample = context.sample();
        List<double[]> candidates = new ArrayList<>();
        double[] first = new double[dims];
        System.arraycopy(sample.data(), GreedyKMeansPlusPlus.drawByWeight(sample.weights(), random.nextDouble()) * dims,
                first, 0, dims);
        candidates.add(first);
        long seed = random.nextLong();
        PassRunner passes = context.passes();
        for (int round = 1; round <= rounds; round++) {
            Round task = new Round(Kernels.create(candidates.toArray(double[][]::new), context.mean()), ell, seed + round);
            int number = round;
            Round.Partial result = passes.run(context.source(), task, rows -> context.progress(number, rows, Double.NaN, false));
            context.progress(number, context.rows(), result.cost, true);
            if (result.cost == 0) {
                break; // every row sits on a candidate already
            }
            for (int slot : result.drawn.slotsBestFirst()) {
                double[] row = new double[dims];
                result.drawn.copyValues(slot, row, 0);
                candidates.add(row);
            }
        }
        double[][] pool = candidates.toArray(double[][]::new);
        double[] weights = LloydTask.pass(passes, context.source(), Kernels.create(pool, context.mean()), null, null).weights();
        context.progress(rounds + 1, context.rows(), Double.NaN, true);
        double[] flat = new double[pool.length * dims];
        for (int c = 0; c < pool.length; c++) {
            System.arraycopy(pool[c], 0, flat, c * dims, dims);
        }
        return GreedyKMeansPlusPlus.seed(flat, weights, dims, k, random);
    }

    /** One oversampling pass: the cost φ = Σ w·D², and ℓ rows drawn ∝ w·D². */
    private static final class Round implements BlockTask<Round.Partial> {
        private final Kernel candidates;
        private final int ell;
        private final long seed;

        Round(Kernel candidates, int ell, long seed) {
            this.candidates = candidates;
            this.ell = ell;
            this.seed = seed;
        }

        final class Partial {
            double cost;
            final TopRows drawn = new TopRows(ell, candidates.dims());
            final BlockLabels block = new BlockLabels(candidates, PassRunner.BLOCK_ROWS, false);
        }

        @Override
        public Partial newPartial() {
            return new Partial();
        }

        @Override
        public void accumulate(Partial p, Rows rows, int from, int to) {
            p.block.assign(rows.data, from, to);
            for (int i = from; i < to; i++) {
                int offset = i * rows.dims;
                double mass = rows.weights[i] * p.block.squaredDistance(i - from);
                if (mass > 0) {
                    p.cost += mass;
                    long row = rows.rowIndex(i);
                    // Efraimidis–Spirakis: the ℓ largest ln(u)/mass are a draw ∝ mass without replacement.
                    p.drawn.offer(Math.log(RowRandom.uniform(seed, row)) / mass, row, rows.weights[i], 0, rows.data, offset);
                }
            }
        }

        @Override
        public void fold(Partial total, Partial block) {
            total.cost += block.cost;
            total.drawn.merge(block.drawn);
        }

        @Override
        public void reset(Partial p) {
            p.cost = 0;
            p.drawn.clear();
        }

        @Override
        public long partialBytes() {
            return 8L * ell * (candidates.dims() + 4) + 8L * PassRunner.BLOCK_ROWS * (candidates.dims() + 4);
        }
    }
}
