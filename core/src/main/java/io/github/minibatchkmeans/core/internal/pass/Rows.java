package io.github.minibatchkmeans.core.internal.pass;

/**
 * A buffer of consecutive rows read from a source: row-major values, weights, and the global
 * index of its first row (which defines the accumulation blocks).
 */
public final class Rows {
    public final int dims;
    public final double[] data;
    public final double[] weights;
    long firstRow;
    int count;

    public Rows(int capacity, int dims) {
        this(new double[capacity * dims], new double[capacity], dims);
    }

    /** Rows over existing arrays. */
    Rows(double[] data, double[] weights, int dims) {
        this.dims = dims;
        this.data = data;
        this.weights = weights;
    }

    /** Global index (0-based, in stream order) of row {@code i} of this buffer. */
    public long rowIndex(int i) {
        return firstRow + i;
    }

    public int count() {
        return count;
    }

    public int capacity() {
        return weights.length;
    }
}
