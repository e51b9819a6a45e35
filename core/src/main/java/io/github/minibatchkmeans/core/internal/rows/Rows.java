package io.github.minibatchkmeans.core.internal.rows;

import io.github.minibatchkmeans.core.spi.BatchReader;
import java.io.IOException;

/**
 * A buffer of consecutive rows, in one representation: the seam through which every pass touches
 * row values. Engine loops see a row only through these methods and the kernel's; a new
 * representation (float32 rows, sparse CSR rows) is a subclass, a reader filling it, and a kernel
 * ({@code Kernels} chooses by {@link #format()}), with no loop changed. Weights are doubles in
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

    /** Row {@code i}'s values, as doubles, to {@code out[at ..]}. */
    public abstract void copyRow(int i, double[] out, int at);

    /** Sets row {@code i} to {@code values[at ..]} with weight {@code weight}. */
    public abstract void putRow(int i, double[] values, int at, double weight);

    /** Exact {@code ‖x_i − p‖²} for the point at {@code point[at ..]}, from the differences. */
    public abstract double squaredDistance(int i, double[] point, int at);

    /** {@link #squaredDistance} within the same error bound, its bits free: for pruning bounds. */
    public abstract double squaredDistanceForBound(int i, double[] point, int at);

    /** {@code Σ_j x_ij²}: the squared length of row {@code i}. */
    public abstract double squaredNorm(int i);

    /** {@code x_ij *= factor} for every value of row {@code i}. */
    public abstract void scale(int i, double factor);

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

    /** The index, within row {@code i}, of its first value that is not usable (NaN, infinite, beyond the limit), or -1. */
    public abstract int firstUnusable(int i);

    /** Reads up to {@code maxRows} rows from {@code reader} to the head of this buffer; returns how many. */
    public abstract int readFrom(BatchReader reader, int maxRows) throws IOException;
}
