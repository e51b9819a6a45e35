package io.github.minibatchkmeans.core.internal.init;

import io.github.minibatchkmeans.core.internal.kernel.BlockLabels;
import io.github.minibatchkmeans.core.internal.kernel.Kernel;
import io.github.minibatchkmeans.core.internal.kernel.Kernels;
import io.github.minibatchkmeans.core.internal.pass.BlockTask;
import io.github.minibatchkmeans.core.internal.pass.PassRunner;
import io.github.minibatchkmeans.core.internal.pass.Rows;
import io.github.minibatchkmeans.core.internal.prune.RowBounds;
import io.github.minibatchkmeans.core.internal.stats.RowRandom;
import io.github.minibatchkmeans.core.internal.stats.TopRows;
import io.github.minibatchkmeans.core.spi.InitContext;
import io.github.minibatchkmeans.core.spi.Initializer;
import io.github.minibatchkmeans.core.spi.Sample;
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
 *   <li>{@code rounds} passes; each brings every row's squared distance D² to its nearest candidate
 *       up to date and adds about {@code ℓ} rows drawn with probability ∝ weight × D². The draw is a
 *       weighted reservoir (Efraimidis &amp; Spirakis' keys {@code ln(u)/(w·D²)}) so that one pass
 *       both measures and samples; the keys come from (seed, row), so it is deterministic.</li>
 *   <li>One pass measuring the last round's candidates and weighting each candidate by the weight
 *       of the rows nearest to it.</li>
 *   <li>Weighted greedy k-means++ on the candidates picks the k centers.</li>
 * </ol>
 * So the data is read {@code rounds + 1} times (default 6). Each row's nearest candidate and D² are
 * kept between passes ({@link RowBounds}: on the heap within the budget, else in a scratch file), so
 * a pass measures distances to the previous round's new candidates only, and skips a row outright
 * when the triangle inequality shows none of them can be nearer.
 */
public final class KMeansParallel implements Initializer {
    /** Skip tests leave this much relative slack for the rounding of stored and computed distances. */
    private static final double SKIP_SLACK = 1 - 1e-3;

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
        List<double[]> pool = new ArrayList<>();
        pool.add(firstCandidate(sample, random));
        long seed = random.nextLong();
        PassRunner passes = context.passes();
        double[] weights;
        try (RowBounds nearest = RowBounds.create(context.rows(), 0, context.scratchBudgetBytes())) {
            int measured = 0;
            for (int round = 1; round <= rounds; round++) {
                Round task = new Round(nearest, pool, measured, context.mean(), ell, seed + round);
                int number = round;
                Round.Partial result = passes.run(context.source(), task, rows -> context.progress(number, rows, Double.NaN, false));
                context.progress(number, context.rows(), result.cost, true);
                measured = pool.size();
                if (result.cost == 0) {
                    break; // every row sits on a candidate already
                }
                for (int slot : result.drawn.slotsBestFirst()) {
                    double[] row = new double[dims];
                    result.drawn.copyValues(slot, row, 0);
                    pool.add(row);
                }
            }
            Round weighing = new Round(nearest, pool, measured, context.mean(), 0, seed);
            weights = passes.run(context.source(), weighing, rows -> context.progress(rounds + 1, rows, Double.NaN, false)).weights;
            context.progress(rounds + 1, context.rows(), Double.NaN, true);
        }
        return fromCandidates(pool.toArray(double[][]::new), weights, k, random);
    }

    /** Candidates per round for {@code k} clusters: ℓ as configured, else 2k. */
    public int oversampling(int k) {
        return oversampling == 0 ? 2 * k : oversampling;
    }

    /** Oversampling passes over the data. */
    public int rounds() {
        return rounds;
    }

    /** The first candidate: a row of the uniform sample, drawn by weight. */
    public static double[] firstCandidate(Sample sample, SplittableRandom random) {
        int dims = sample.dims();
        double[] first = new double[dims];
        System.arraycopy(sample.data(), GreedyKMeansPlusPlus.drawByWeight(sample.weights(), random.nextDouble()) * dims,
                first, 0, dims);
        return first;
    }

    /** The last step: weighted greedy k-means++ over the candidates, each weighing what the rows nearest to it weigh. */
    public static double[][] fromCandidates(double[][] candidates, double[] weights, int k, SplittableRandom random) {
        int dims = candidates[0].length;
        double[] flat = new double[candidates.length * dims];
        for (int c = 0; c < candidates.length; c++) {
            System.arraycopy(candidates[c], 0, flat, c * dims, dims);
        }
        return GreedyKMeansPlusPlus.seed(flat, weights, dims, k, random);
    }

    /**
     * One pass: measures candidates {@code [measured, pool)} against every row whose nearest so far
     * they might beat, then adds up the cost φ = Σ w·D², draws ℓ rows ∝ w·D² and weighs each
     * candidate by the rows nearest to it.
     */
    private static final class Round implements BlockTask<Round.Partial> {
        private final RowBounds nearest;
        private final int measured;
        private final int poolSize;
        private final Kernel fresh;
        /** Per old candidate: a quarter of its squared distance to the nearest new one; rows nearer their candidate keep it. */
        private final double[] reach;
        private final int dims;
        private final int ell;
        private final long seed;

        Round(RowBounds nearest, List<double[]> pool, int measured, double[] origin, int ell, long seed) {
            this.nearest = nearest;
            this.measured = measured;
            this.poolSize = pool.size();
            this.dims = pool.get(0).length;
            this.fresh = measured == poolSize ? null : Kernels.create(pool.subList(measured, poolSize).toArray(double[][]::new), origin);
            this.reach = reach(pool, measured, fresh, dims);
            this.ell = ell;
            this.seed = seed;
        }

        /** ‖c−c'‖ ≥ 2‖x−c‖ means ‖x−c'‖ ≥ ‖x−c‖: x keeps candidate c against every new c'. */
        private static double[] reach(List<double[]> pool, int measured, Kernel fresh, int dims) {
            if (measured == 0 || fresh == null) {
                return new double[measured];
            }
            double[] old = new double[measured * dims];
            for (int c = 0; c < measured; c++) {
                System.arraycopy(pool.get(c), 0, old, c * dims, dims);
            }
            BlockLabels labels = new BlockLabels(fresh, measured, false);
            labels.assign(old, 0, measured);
            double[] reach = new double[measured];
            for (int c = 0; c < measured; c++) {
                reach[c] = 0.25 * labels.squaredDistance(c) * SKIP_SLACK;
            }
            return reach;
        }

        final class Partial {
            double cost;
            final double[] weights = new double[poolSize];
            final TopRows drawn = new TopRows(ell, dims);
            final BlockLabels block = fresh == null ? null : new BlockLabels(fresh, PassRunner.BLOCK_ROWS, false);
            final RowBounds.Window buffer = RowBounds.Window.buffer(PassRunner.BLOCK_ROWS, 0);
            final int[] todo = new int[PassRunner.BLOCK_ROWS];
        }

        @Override
        public Partial newPartial() {
            return new Partial();
        }

        @Override
        public void accumulate(Partial p, Rows rows, int from, int to) {
            long firstRow = rows.rowIndex(from);
            int count = to - from;
            RowBounds.Window w = nearest.open(firstRow, count, p.buffer);
            int base = w.base;
            if (p.block != null) {
                measure(p, rows, from, count, w);
            }
            for (int i = 0; i < count; i++) {
                int row = from + i;
                double weight = rows.weights[row];
                double mass = weight * w.upper[base + i];
                p.weights[w.labels[base + i]] += weight;
                if (mass > 0) {
                    p.cost += mass;
                    if (ell > 0) {
                        offer(p, rows, row, mass);
                    }
                }
            }
            nearest.release(firstRow, count, w);
        }

        /** Efraimidis–Spirakis: the ℓ largest keys ln(u)/mass are a draw ∝ mass without replacement. */
        private void offer(Partial p, Rows rows, int row, double mass) {
            long index = rows.rowIndex(row);
            double u = RowRandom.uniform(seed, index);
            // ln u ≤ u − 1, so a row with u − 1 below floor·mass (with slack for rounding) cannot enter: no log needed.
            if (u - 1 < p.drawn.floor() * mass * (1 + 1e-6)) {
                return;
            }
            p.drawn.offer(Math.log(u) / mass, index, rows.weights[row], 0, rows.data, row * rows.dims);
        }

        /** Brings the rows' nearest candidate up to date with the new candidates. */
        private void measure(Partial p, Rows rows, int from, int count, RowBounds.Window w) {
            int base = w.base;
            int n = 0;
            for (int i = 0; i < count; i++) {
                if (measured == 0 || w.upper[base + i] > reach[w.labels[base + i]]) {
                    p.todo[n++] = from + i;
                }
            }
            p.block.assign(rows.data, p.todo, n);
            for (int j = 0; j < n; j++) {
                int i = p.todo[j] - from;
                double d2 = p.block.squaredDistance(j);
                if (measured == 0 || d2 < w.upper[base + i]) {
                    w.upper[base + i] = (float) d2;
                    w.labels[base + i] = measured + p.block.labels[j];
                }
            }
        }

        @Override
        public void fold(Partial total, Partial block) {
            total.cost += block.cost;
            total.drawn.merge(block.drawn);
            for (int c = 0; c < poolSize; c++) {
                total.weights[c] += block.weights[c];
            }
        }

        @Override
        public void reset(Partial p) {
            p.cost = 0;
            p.drawn.clear();
            java.util.Arrays.fill(p.weights, 0);
        }

        @Override
        public long partialBytes() {
            return 8L * ell * (dims + 4) + 8L * poolSize + 8L * PassRunner.BLOCK_ROWS * (dims + 8);
        }
    }
}
