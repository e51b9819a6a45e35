package io.github.minibatchkmeans.core.internal.stats;

import io.github.minibatchkmeans.core.internal.pass.BlockTask;
import io.github.minibatchkmeans.core.internal.rows.Rows;
import io.github.minibatchkmeans.core.internal.rows.DenseRows;
import io.github.minibatchkmeans.core.internal.rows.SparseRows;
import io.github.minibatchkmeans.core.spi.InvalidInputException;

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
    /** True if a missing value (NaN) is measured around (then filled in or left out); false if it is an error. */
    private final boolean acceptsMissing;
    /** The data's name, for the message of a missing value that is an error. */
    private final String name;
    /** The folded sample's floor: a block's rows below it cannot reach the final sample (folds only raise it). */
    private volatile double sampleFloor = Double.NEGATIVE_INFINITY;

    public SummaryTask(int dims, int sampleSize, long seed, boolean acceptsMissing, String name) {
        this.name = name;
        this.dims = dims;
        this.sampleSize = sampleSize;
        this.seed = seed;
        this.acceptsMissing = acceptsMissing;
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
        /**
         * Missing values: how many, and per feature the weight, Σ w·s and Σ w·s² of the rows lacking
         * it — summed as if they held the block's shift s there, which these sums take back out.
         */
        final long[] missingCount = new long[dims];
        final double[] missingWeight = new double[dims];
        final double[] missingShift = new double[dims];
        final double[] missingSquare = new double[dims];
        /** The sums before a fragment, restored when it turns out to hold a missing value; a row's copy; a 1-row view of it. */
        private double[] saved;
        private double[] row;
        private DenseRows one;
        /** Where the summing of {@link #row} puts a range nobody reads: it is taken over the values present instead. */
        private double[] ignoredMin;
        private double[] ignoredMax;

        public DataSummary toSummary() {
            double[] variance = new double[dims];
            double[] centre = mean.clone();
            long missing = java.util.Arrays.stream(missingCount).sum();
            double[] fills = missing > 0 ? new double[dims] : null;
            for (int j = 0; j < dims; j++) {
                double m2j = m2[j];
                if (fills != null) {
                    double present = weight - missingWeight[j];
                    if (!(present > 0)) {
                        throw new InvalidInputException("column " + j + " has no value to fill its missing values with");
                    }
                    // the column's mean over the rows that have it; the squares about it of the data so completed
                    double fill = (mean[j] * weight - missingShift[j]) / present;
                    double standIns = missingSquare[j] - 2 * fill * missingShift[j] + fill * fill * missingWeight[j];
                    m2j = Math.max(0, m2[j] + weight * (mean[j] - fill) * (mean[j] - fill) - standIns);
                    fills[j] = fill;
                    centre[j] = fill;
                }
                variance[j] = weight > 0 ? m2j / weight : 0;
            }
            return new DataSummary(rows, positiveRows, weight, centre, variance, min.clone(), max.clone(), sample.toSample(), fills,
                    missingCount.clone(), missing);
        }

        private void save() {
            if (saved == null) {
                saved = new double[4 * dims];
            }
            System.arraycopy(shifted, 0, saved, 0, dims);
            System.arraycopy(squares, 0, saved, dims, dims);
            System.arraycopy(min, 0, saved, 2 * dims, dims);
            System.arraycopy(max, 0, saved, 3 * dims, dims);
        }

        private void restore() {
            System.arraycopy(saved, 0, shifted, 0, dims);
            System.arraycopy(saved, dims, squares, 0, dims);
            System.arraycopy(saved, 2 * dims, min, 0, dims);
            System.arraycopy(saved, 3 * dims, max, 0, dims);
        }

        /** Adds row {@code i} of weight {@code w}, each missing value standing in at the shift and counted. */
        private void addWithMissing(Rows rows, int i, double w) {
            if (row == null) {
                row = new double[dims];
                one = DenseRows.of(row, new double[1], dims);
                ignoredMin = new double[dims];
                ignoredMax = new double[dims];
            }
            rows.copyRow(i, row, 0);
            for (int j = 0; j < dims; j++) {
                if (Double.isNaN(row[j])) {
                    if (!acceptsMissing) {
                        throw new InvalidInputException(name + ": row " + rows.rowIndex(i) + ", column " + j + ": missing value (NaN), "
                                + "an error as configured (missing = error; impute replaces it with its column's mean, ignore leaves it out)");
                    }
                    missingCount[j]++;
                    missingWeight[j] += w;
                    missingShift[j] += w * shift[j];
                    missingSquare[j] += w * shift[j] * shift[j];
                    row[j] = shift[j];
                } else {
                    min[j] = Math.min(min[j], row[j]);
                    max[j] = Math.max(max[j], row[j]);
                }
            }
            one.weights[0] = w;
            one.addToSummary(0, shift, w, shifted, squares, ignoredMin, ignoredMax);
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
                for (int j = 0; j < dims; j++) {
                    p.shift[j] = Double.isNaN(p.shift[j]) ? 0 : p.shift[j]; // a missing value shifts nothing
                }
            } else if (p.stored == null) {
                p.stored = new int[dims];
            }
            p.shiftSet = true;
        }
        double[] shift = p.shift;
        double floor = sampleFloor;
        if (sparse == null) {
            p.save();
        }
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
        if (sparse == null && hasNaN(p.shifted)) { // a missing value: the fragment summed again, row by row
            p.restore();
            for (int i = from; i < to; i++) {
                if (rows.weights[i] != 0) {
                    p.addWithMissing(rows, i, rows.weights[i]);
                }
            }
        }
    }

    private static boolean hasNaN(double[] values) {
        for (double v : values) {
            if (Double.isNaN(v)) {
                return true;
            }
        }
        return false;
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
        for (int j = 0; j < dims; j++) {
            total.missingCount[j] += block.missingCount[j];
            total.missingWeight[j] += block.missingWeight[j];
            total.missingShift[j] += block.missingShift[j];
            total.missingSquare[j] += block.missingSquare[j];
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
        java.util.Arrays.fill(p.missingCount, 0);
        java.util.Arrays.fill(p.missingWeight, 0);
        java.util.Arrays.fill(p.missingShift, 0);
        java.util.Arrays.fill(p.missingSquare, 0);
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
