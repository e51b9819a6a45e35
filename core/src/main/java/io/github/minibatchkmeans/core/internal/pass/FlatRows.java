package io.github.minibatchkmeans.core.internal.pass;

import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import java.util.Arrays;

/**
 * Rows already in memory as one row-major array: passes read them in place, as a single batch,
 * instead of copying them into batch buffers.
 */
public final class FlatRows implements BatchSource {
    private final double[] data;
    private final double[] weights;
    private final int dims;
    private final String name;

    /** @param weights one per row, or null for all 1 */
    public FlatRows(double[] data, double[] weights, int dims, String name) {
        this.data = data;
        this.dims = dims;
        this.name = name;
        if (weights == null) {
            weights = new double[data.length / dims];
            Arrays.fill(weights, 1.0);
        }
        this.weights = weights;
    }

    /** The rows as one batch, sharing the arrays. */
    Rows asBatch() {
        Rows rows = new Rows(data, weights, dims);
        rows.firstRow = 0;
        rows.count = weights.length;
        return rows;
    }

    @Override
    public int dimensions() {
        return dims;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public java.util.OptionalLong rows() {
        return java.util.OptionalLong.of(weights.length);
    }

    @Override
    public BatchReader open() {
        return new BatchReader() {
            private int next;

            @Override
            public int read(double[] out, double[] outWeights, int maxRows) {
                int n = Math.min(maxRows, weights.length - next);
                System.arraycopy(data, next * dims, out, 0, n * dims);
                System.arraycopy(weights, next, outWeights, 0, n);
                next += n;
                return n;
            }

            @Override
            public long skip(long rows) {
                int n = (int) Math.min(rows, weights.length - next);
                next += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
    }
}
