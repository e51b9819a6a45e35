package io.github.minibatchkmeans.core.internal.engine;

import io.github.minibatchkmeans.core.internal.kernel.BlockLabels;
import io.github.minibatchkmeans.core.internal.kernel.Kernel;
import io.github.minibatchkmeans.core.internal.kernel.KernelFactory;
import io.github.minibatchkmeans.core.internal.pass.BlockTask;
import io.github.minibatchkmeans.core.internal.pass.PassRunner;
import io.github.minibatchkmeans.core.internal.rows.DenseRows;
import io.github.minibatchkmeans.core.internal.rows.Rows;
import io.github.minibatchkmeans.core.internal.prune.RowBounds;
import io.github.minibatchkmeans.core.internal.stats.DataSummary;
import io.github.minibatchkmeans.core.internal.stats.RowRandom;
import io.github.minibatchkmeans.core.internal.stats.TopRows;
import io.github.minibatchkmeans.core.spi.BatchSource;
import java.io.IOException;
import java.util.Arrays;

/**
 * D² passes over local rows ({@link DataPasses#draw}) that remember each row's nearest center and
 * squared distance D² between passes ({@link RowBounds}: on the heap within the budget, else in a
 * scratch file). Seeding by D² sampling asks for passes over a growing list of centers, each list
 * the previous one and a few more: then a pass measures only the new centers, and skips a row
 * outright when the triangle inequality shows none of them can be nearer than its own. The draws
 * are Efraimidis–Spirakis keys {@code ln(u)/(w·D²)} with u a pure function of (seed, row), so a
 * pass both measures and samples, deterministically.
 */
final class NearestCenters implements AutoCloseable {
    /** Skip tests leave this much relative slack for the rounding of stored and computed distances. */
    private static final double SKIP_SLACK = 1 - 1e-3;

    private final BatchSource source;
    private final PassRunner passes;
    private final KernelFactory kernels;
    private final DataSummary summary;
    private final RowBounds nearest;
    /** The centers the stored nearest ones index into. */
    private double[][] measured = new double[0][];

    NearestCenters(BatchSource source, PassRunner passes, KernelFactory kernels, DataSummary summary, long budgetBytes) {
        this.source = source;
        this.passes = passes;
        this.kernels = kernels;
        this.summary = summary;
        this.nearest = RowBounds.create(summary.rows(), 0, budgetBytes);
    }

    DataPasses.Draw draw(double[][] centers, int count, long seed, Progress progress, int pass) throws IOException {
        int known = extendsMeasured(centers) ? measured.length : 0;
        Round task = new Round(centers, known, count, seed);
        Round.Partial result = passes.run(source, task,
                rows -> progress.report(Stage.INITIALIZATION, pass, rows, summary.rows(), Double.NaN, false));
        progress.report(Stage.INITIALIZATION, pass, summary.rows(), summary.rows(), result.cost, true);
        measured = Matrices.copy(centers);
        int[] order = result.drawn.slotsBestFirst();
        double[][] drawn = new double[order.length][];
        for (int i = 0; i < order.length; i++) {
            drawn[i] = new double[centers[0].length];
            result.drawn.copyValues(order[i], drawn[i], 0);
        }
        return new DataPasses.Draw(drawn, result.weights, result.cost);
    }

    /** True if {@code centers} begins with the centers measured last. */
    private boolean extendsMeasured(double[][] centers) {
        if (measured.length == 0 || centers.length < measured.length) {
            return false;
        }
        for (int c = 0; c < measured.length; c++) {
            if (!Arrays.equals(measured[c], centers[c])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        nearest.close();
    }

    /**
     * One pass: measures centers {@code [known, centers)} against every row whose nearest so far
     * they might beat, then adds up the cost φ = Σ w·D², draws {@code ell} rows ∝ w·D² and weighs
     * each center by the rows nearest to it.
     */
    private final class Round implements BlockTask<Round.Partial> {
        private final int known;
        private final int poolSize;
        private final Kernel fresh;
        /** Per known center: a quarter of its squared distance to the nearest new one; rows nearer their center keep it. */
        private final double[] reach;
        private final int dims;
        private final int ell;
        private final long seed;

        Round(double[][] centers, int known, int ell, long seed) {
            this.known = known;
            this.poolSize = centers.length;
            this.dims = centers[0].length;
            this.fresh = known == poolSize ? null : kernels.create(Arrays.copyOfRange(centers, known, poolSize));
            this.reach = reach(centers, known, fresh, dims);
            this.ell = ell;
            this.seed = seed;
        }

        /** ‖c−c'‖ ≥ 2‖x−c‖ means ‖x−c'‖ ≥ ‖x−c‖: x keeps center c against every new c'. */
        private static double[] reach(double[][] centers, int known, Kernel fresh, int dims) {
            if (known == 0 || fresh == null) {
                return new double[known];
            }
            double[] old = new double[known * dims];
            for (int c = 0; c < known; c++) {
                System.arraycopy(centers[c], 0, old, c * dims, dims);
            }
            BlockLabels labels = new BlockLabels(fresh, known, false);
            labels.assign(DenseRows.of(old, new double[known], dims), 0, known);
            double[] reach = new double[known];
            for (int c = 0; c < known; c++) {
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
            p.drawn.offer(Math.log(u) / mass, index, rows.weights[row], 0, rows, row);
        }

        /** Brings the rows' nearest center up to date with the new centers. */
        private void measure(Partial p, Rows rows, int from, int count, RowBounds.Window w) {
            int base = w.base;
            int n = 0;
            for (int i = 0; i < count; i++) {
                if (known == 0 || w.upper[base + i] > reach[w.labels[base + i]]) {
                    p.todo[n++] = from + i;
                }
            }
            p.block.assign(rows, p.todo, n);
            for (int j = 0; j < n; j++) {
                int i = p.todo[j] - from;
                double d2 = p.block.squaredDistance(j);
                if (known == 0 || d2 < w.upper[base + i]) {
                    w.upper[base + i] = (float) d2;
                    w.labels[base + i] = known + p.block.labels[j];
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
            Arrays.fill(p.weights, 0);
        }

        @Override
        public long partialBytes() {
            return 8L * ell * (dims + 4) + 8L * poolSize + 8L * PassRunner.BLOCK_ROWS * (dims + 8);
        }
    }
}
