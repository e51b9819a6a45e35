package io.github.minibatchkmeans.core.internal.rows;

/** How a {@link Rows} buffer holds its values; the kernel is chosen by it. */
public enum RowFormat {
    /** Row-major doubles ({@link DenseRows}). */
    DENSE;

    /** An empty buffer of this format for {@code capacity} rows of {@code dims} values. */
    public Rows buffer(int capacity, int dims) {
        return switch (this) {
            case DENSE -> new DenseRows(capacity, dims);
        };
    }
}
