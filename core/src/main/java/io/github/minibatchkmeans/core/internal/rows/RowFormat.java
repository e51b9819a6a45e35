package io.github.minibatchkmeans.core.internal.rows;

import io.github.minibatchkmeans.core.spi.BatchSource;

/** How a {@link Rows} buffer holds its values; the kernel is chosen by it. */
public enum RowFormat {
    /** Row-major doubles ({@link DenseRows}). */
    DENSE,
    /** Compressed sparse rows ({@link SparseRows}): non-zero values and their feature indices. */
    SPARSE;

    /** Non-zero values per row a sparse buffer makes room for at first; it grows to the rows it meets. */
    private static final int INITIAL_VALUES_PER_ROW = 64;

    /** The format {@code source}'s readers deliver. */
    public static RowFormat of(BatchSource source) {
        return source.sparse() ? SPARSE : DENSE;
    }

    /** An empty buffer of this format for {@code capacity} rows of {@code dims} values. */
    public Rows buffer(int capacity, int dims) {
        return switch (this) {
            case DENSE -> new DenseRows(capacity, dims);
            case SPARSE -> new SparseRows(capacity, dims, initialValues(capacity, dims));
        };
    }

    /** Heap bytes of a buffer of {@code capacity} rows of {@code dims} features, as {@link #buffer} first makes it. */
    public long bufferBytes(int capacity, int dims) {
        return switch (this) {
            case DENSE -> 8L * capacity * (dims + 1);
            case SPARSE -> SparseRows.bytesOf(capacity, Math.max(dims, initialValues(capacity, dims)));
        };
    }

    /** Heap bytes per row of a large buffer: what bounds the rows a batch buffer may hold. */
    public long bytesPerRow(int dims) {
        return switch (this) {
            case DENSE -> 8L * (dims + 1);
            case SPARSE -> SparseRows.bytesOf(1, Math.min(dims, INITIAL_VALUES_PER_ROW));
        };
    }

    private static int initialValues(int capacity, int dims) {
        return (int) Math.min(Integer.MAX_VALUE - 8, Math.min((long) dims, INITIAL_VALUES_PER_ROW) * capacity);
    }

    /** True if rows of this format are measured from the data's mean; sparse rows are measured from 0 (centring would fill them). */
    public boolean centred() {
        return this == DENSE;
    }
}
