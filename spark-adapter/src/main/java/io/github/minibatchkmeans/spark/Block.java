package io.github.minibatchkmeans.spark;

import java.io.Serial;
import java.io.Serializable;

/**
 * Up to {@link #ROWS} rows of one partition, as the passes read them: feature arrays, weights, and
 * the id of the first row ({@code partition << 40 | position}, unique in the data set). A
 * partition's first defect is recorded instead of thrown, so the driver can name it in an
 * {@link IllegalArgumentException} rather than a task failure.
 */
record Block(double[][] rows, double[] weights, long firstId, int positive, String problem) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Rows per block: big enough to feed the core's 512-row kernel blocks, small enough to stay in cache. */
    static final int ROWS = 4096;
}
