package io.github.minibatchkmeans.core.internal.rows;

import io.github.minibatchkmeans.core.spi.BatchReader;
import java.io.IOException;

/**
 * A buffer of consecutive rows, in one representation: the seam through which every pass touches
 * row values. Engine loops see a row only through these methods and the kernel's; a
 * representation — dense ({@link DenseRows}), sparse ({@link SparseRows}), float32 ({@link FloatRows}) — is a
 * subclass, a reader filling it, and a kernel ({@code Kernels} chooses by {@link #format()}). Weights are doubles in
 * every representation; the global index of the first row defines the accumulation blocks.
 */
public abstract class Rows {
    public final int dims;
    public final double[] weights;
    private long firstRow;
    private int count;

    protected Rows(int capacity, int dims) {
        this(new double[capacity], dims);
    }

    protected Rows(double[] weights, int dims) {
        this.dims = dims;
        this.weights = weights;
    }

    /** How the values are held: what chooses the kernel. */
    public abstract RowFormat format();

    /** Marks rows {@code [0, count)} as holding the stream's rows from {@code firstRow} on. */
    public final void span(long firstRow, int count) {
        this.firstRow = firstRow;
        this.count = count;
    }

    /** Global index (0-based, in stream order) of the buffer's first row. */
    public final long firstRow() {
        return firstRow;
    }

    /** Global index (0-based, in stream order) of row {@code i} of this buffer. */
    public final long rowIndex(int i) {
        return firstRow + i;
    }

    public final int count() {
        return count;
    }

    public final int capacity() {
        return weights.length;
    }

    /** Another buffer over the same arrays, with a span of its own: for rows in memory read by several passes. */
    public abstract Rows view();

    /** Row {@code i}'s values, as doubles, to {@code out[at ..]}. */
    public abstract void copyRow(int i, double[] out, int at);

    /** Rows {@code [from, from + n)}, as doubles, row-major to {@code out[at ..]}. */
    public void copyRows(int from, int n, double[] out, int at) {
        for (int r = 0; r < n; r++) {
            copyRow(from + r, out, at + r * dims);
        }
    }

    /** A copy of rows {@code [0, n)} in arrays of their own, exactly as large, spanning them from this buffer's first row. */
    public abstract Rows trimmedCopy(int n);

    /**
     * Copies rows {@code [from, from + n)}, values and weights, to rows {@code at ..} of {@code to},
     * a buffer of the same dense format (sparse rows are copied by {@link SparseRows#trimmedCopy}).
     */
    public void copyInto(int from, int n, Rows to, int at) {
        throw new UnsupportedOperationException(format() + " rows are not copied row range by row range");
    }

    /** Row {@code i}'s values, as held (doubles or float32), native order, to {@code out} at its position, which it advances. */
    public void writeValues(int i, java.nio.ByteBuffer out) {
        throw new UnsupportedOperationException(format() + " rows are not written value by value");
    }

    /** Sets row {@code i} to {@code values[at ..]} with weight {@code weight}. */
    public abstract void putRow(int i, double[] values, int at, double weight);

    /**
     * {@code ‖x_i − p‖²} for the point at {@code point[at ..]} whose squared length is
     * {@code pointSquaredNorm}: from the differences, feature by feature, for dense rows; over the
     * row's non-zeros and the point's length for sparse rows.
     */
    public abstract double squaredDistance(int i, double[] point, int at, double pointSquaredNorm);

    /**
     * For pruning bounds: {@link #squaredDistance} within the error bound of direct differences (its
     * bits free), or a value no smaller than the true distance.
     */
    public abstract double squaredDistanceForBound(int i, double[] point, int at, double pointSquaredNorm);

    /** {@code Σ_j x_ij²}: the squared length of row {@code i}. */
    public abstract double squaredNorm(int i);

    /** {@code x_ij *= factor} for every value of row {@code i}. */
    public abstract void scale(int i, double factor);

    /** Replaces each missing value (NaN) of rows {@code [from, to)} by its column's value of {@code fills}, in place. */
    public abstract void fillMissing(int from, int to, double[] fills);

    /** Sets each missing value (NaN) of row {@code i} to 0, adding {@code w} to its column's {@code lacking} and 1 to its {@code count}. */
    public abstract void zeroMissing(int i, double w, double[] lacking, long[] count);

    /** {@code into[at + j] += w · x_ij}: a row into a sum (one fused multiply-add per value where the Vector API runs). */
    public abstract void addScaled(int i, double w, double[] into, int at);

    /** {@code into[at + j] += scale · (x_ij − origin_j)}: a row, centred, into a sum. */
    public abstract void addCentred(int i, double scale, double[] origin, double[] into, int at);

    /**
     * The statistics pass's per-row work: with {@code v = x_i − shift}, {@code sums += w·v},
     * {@code squares += w·v²} per feature, and each feature's range widened to the row's values.
     */
    public abstract void addToSummary(int i, double[] shift, double w, double[] sums, double[] squares, double[] min,
                                      double[] max);

    /** Reads up to {@code maxRows} rows from {@code reader} to the head of this buffer; returns how many. */
    public abstract int readFrom(BatchReader reader, int maxRows) throws IOException;
}
