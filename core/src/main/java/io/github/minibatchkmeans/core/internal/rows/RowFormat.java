package io.github.minibatchkmeans.core.internal.rows;

import io.github.minibatchkmeans.core.spi.BatchSource;

/** How a {@link Rows} buffer holds its values; the kernel is chosen by it. */
public enum RowFormat {
    /** Row-major doubles ({@link DenseRows}). */
    DENSE,
    /** Row-major float32 values ({@link FloatRows}), widened exactly as they are used. */
    FLOAT32,
    /** Compressed sparse rows ({@link SparseRows}): non-zero values and their feature indices. */
    SPARSE;

    /** Non-zero values per row a sparse buffer makes room for at first; it grows to the rows it meets. */
    private static final int INITIAL_VALUES_PER_ROW = 64;

    /**
     * The format {@code source}'s rows are held in: sparse or float32 as its readers deliver them —
     * but float32 as doubles when the metric scales rows ({@code scalesRows}: unit length would round).
     */
    public static RowFormat of(BatchSource source, boolean scalesRows) {
        return source.sparse() ? SPARSE : source.float32() && !scalesRows ? FLOAT32 : DENSE;
    }

    /** An empty buffer of this format for {@code capacity} rows of {@code dims} values. */
    public Rows buffer(int capacity, int dims) {
        return switch (this) {
            case DENSE -> new DenseRows(capacity, dims);
            case FLOAT32 -> new FloatRows(capacity, dims);
            case SPARSE -> new SparseRows(capacity, dims, initialValues(capacity, dims));
        };
    }

    /** Heap bytes of a buffer of {@code capacity} rows of {@code dims} features, as {@link #buffer} first makes it. */
    public long bufferBytes(int capacity, int dims) {
        return switch (this) {
            case DENSE -> 8L * capacity * (dims + 1);
            case FLOAT32 -> (4L * dims + 8) * capacity;
            case SPARSE -> SparseRows.bytesOf(capacity, Math.max(dims, initialValues(capacity, dims)));
        };
    }

    /** Heap bytes per row of a large buffer: what bounds the rows a batch buffer may hold. */
    public long bytesPerRow(int dims) {
        return switch (this) {
            case DENSE -> 8L * (dims + 1);
            case FLOAT32 -> 4L * dims + 8;
            case SPARSE -> SparseRows.bytesOf(1, Math.min(dims, INITIAL_VALUES_PER_ROW));
        };
    }

    private static int initialValues(int capacity, int dims) {
        return (int) Math.min(Integer.MAX_VALUE - 8, Math.min((long) dims, INITIAL_VALUES_PER_ROW) * capacity);
    }

    /** True if rows of this format are measured from the data's mean; sparse rows are measured from 0 (centring would fill them). */
    public boolean centred() {
        return this != SPARSE;
    }
}
