package io.github.minibatchkmeans.core.internal.stats;

import io.github.minibatchkmeans.core.internal.pass.BlockTask;
import io.github.minibatchkmeans.core.internal.rows.Rows;
import io.github.minibatchkmeans.core.internal.rows.SparseRows;

/**
 * The statistics pass: counts, weighted mean and variance per feature, each feature's range over
 * the rows of positive weight, and a {@link Reservoir} sample. Within a block, plain sums of {@code x − s} and {@code (x − s)²} with s the block's first
 * row (a shift inside the data, so the squares do not cancel; fixed by the block, so batch
 * boundaries change nothing; sparse rows: s = 0, so they stay sparse) — one vectorizable pass; across blocks, Chan, Golub and LeVeque's
 * pairwise update, stable for any n.
 */
public final class SummaryTask implements BlockTask<SummaryTask.Partial> {
    private final int dims;
    private final int sampleSize;
    private final long seed;
    /** The folded sample's floor: a block's rows below it cannot reach the final sample (folds only raise it). */
    private volatile double sampleFloor = Double.NEGATIVE_INFINITY;

    public SummaryTask(int dims, int sampleSize, long seed) {
        this.dims = dims;
        this.sampleSize = sampleSize;
        this.seed = seed;
    }

    /** Running statistics of a set of rows. */
    public final class Partial {
        long rows;
        long positiveRows;
        double weight;
        final double[] mean = new double[dims];
        final double[] m2 = new double[dims];
        final double[] min = filled(Double.POSITIVE_INFINITY);
        final double[] max = filled(Double.NEGATIVE_INFINITY);
        final Reservoir sample = new Reservoir(sampleSize, dims, seed);
        /** The block's shift (its first row) and its rows' weighted sums of x − shift and (x − shift)². */
        final double[] shift = new double[dims];
        final double[] shifted = new double[dims];
        final double[] squares = new double[dims];
        boolean shiftSet;
        /** Sparse rows only: in how many of the block's rows of positive weight each feature is stored (else it is 0 there). */
        int[] stored;

        public DataSummary toSummary() {
            double[] variance = new double[dims];
            for (int j = 0; j < dims; j++) {
                variance[j] = weight > 0 ? m2[j] / weight : 0;
            }
            return new DataSummary(rows, positiveRows, weight, mean.clone(), variance, min.clone(), max.clone(),
                    sample.toSample());
        }
    }

    private double[] filled(double value) {
        double[] a = new double[dims];
        java.util.Arrays.fill(a, value);
        return a;
    }

    @Override
    public Partial newPartial() {
        return new Partial();
    }

    @Override
    public void accumulate(Partial p, Rows rows, int from, int to) {
        SparseRows sparse = rows instanceof SparseRows s ? s : null;
        if (!p.shiftSet) {
            if (sparse == null) { // sparse rows are summed from 0: a shift would fill them
                rows.copyRow(from, p.shift, 0);
            } else if (p.stored == null) {
                p.stored = new int[dims];
            }
            p.shiftSet = true;
        }
        double[] shift = p.shift;
        double floor = sampleFloor;
        for (int i = from; i < to; i++) {
            double w = rows.weights[i];
            p.rows++;
            if (w == 0) {
                continue;
            }
            p.positiveRows++;
            p.weight += w;
            rows.addToSummary(i, shift, w, p.shifted, p.squares, p.min, p.max);
            if (sparse != null) {
                sparse.countStored(i, p.stored);
            }
            p.sample.offer(rows.rowIndex(i), w, rows, i, floor);
        }
    }

    /** Turns a block's shifted sums into its mean and squared deviations (in place of them). */
    private void settle(Partial block) {
        if (block.stored != null) { // a feature some row does not store is 0 there: in its range
            for (int j = 0; j < dims; j++) {
                if (block.stored[j] < block.positiveRows) {
                    block.min[j] = Math.min(block.min[j], 0);
                    block.max[j] = Math.max(block.max[j], 0);
                }
            }
        }
        for (int j = 0; j < dims; j++) {
            double meanShift = block.shifted[j] / block.weight;
            block.mean[j] = block.shift[j] + meanShift;
            block.m2[j] = Math.max(0, block.squares[j] - meanShift * block.shifted[j]);
        }
    }

    /** Chan, Golub and LeVeque's pairwise update: adds a set of rows' weight, mean and squared deviations to {@code into}. */
    private void merge(Partial into, double weight, double[] mean, double[] m2) {
        double total = into.weight + weight;
        double share = weight / total;
        for (int j = 0; j < dims; j++) {
            double delta = mean[j] - into.mean[j];
            into.mean[j] += delta * share;
            into.m2[j] += m2[j] + delta * delta * into.weight * share;
        }
        into.weight = total;
    }

    @Override
    public void fold(Partial total, Partial block) {
        total.rows += block.rows;
        total.positiveRows += block.positiveRows;
        if (block.weight > 0) {
            settle(block);
            merge(total, block.weight, block.mean, block.m2);
        }
        for (int j = 0; j < dims; j++) {
            total.min[j] = Math.min(total.min[j], block.min[j]);
            total.max[j] = Math.max(total.max[j], block.max[j]);
        }
        total.sample.merge(block.sample);
        sampleFloor = total.sample.floor();
    }

    @Override
    public void reset(Partial p) {
        p.rows = 0;
        p.positiveRows = 0;
        p.weight = 0;
        java.util.Arrays.fill(p.mean, 0);
        java.util.Arrays.fill(p.m2, 0);
        java.util.Arrays.fill(p.min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(p.max, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(p.shifted, 0);
        java.util.Arrays.fill(p.squares, 0);
        p.shiftSet = false;
        if (p.stored != null) {
            java.util.Arrays.fill(p.stored, 0);
        }
        p.sample.clear();
    }

    @Override
    public long partialBytes() {
        return 32L * dims + 8L * Math.min(sampleSize, io.github.minibatchkmeans.core.internal.pass.PassRunner.BLOCK_ROWS) * (dims + 4);
    }
}
