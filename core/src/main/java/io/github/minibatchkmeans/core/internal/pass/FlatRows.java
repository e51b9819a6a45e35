package io.github.minibatchkmeans.core.internal.pass;

import io.github.minibatchkmeans.core.internal.rows.DenseRows;
import io.github.minibatchkmeans.core.internal.rows.Rows;
import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * Rows already in memory, as one or more row-major chunks: passes read them in place, a chunk per
 * batch, instead of copying them into batch buffers.
 */
public final class FlatRows implements BatchSource {
    private final List<double[]> data;
    private final List<double[]> weights;
    private final int dims;
    private final String name;
    private final long rows;

    /** One chunk; {@code weights} may be null for all 1. */
    public FlatRows(double[] data, double[] weights, int dims, String name) {
        this(List.of(data), List.of(weights != null ? weights : ones(data.length / dims)), dims, name);
    }

    /** Chunks of rows and their weights, in order. */
    FlatRows(List<double[]> data, List<double[]> weights, int dims, String name) {
        this.data = List.copyOf(data);
        this.weights = List.copyOf(weights);
        this.dims = dims;
        this.name = name;
        this.rows = weights.stream().mapToLong(w -> w.length).sum();
    }

    private static double[] ones(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        return w;
    }

    /** The chunks as batches, sharing the arrays. */
    List<Rows> asBatches() {
        List<Rows> batches = new ArrayList<>(data.size());
        long first = 0;
        for (int c = 0; c < data.size(); c++) {
            Rows batch = new DenseRows(data.get(c), weights.get(c), dims);
            batch.span(first, weights.get(c).length);
            first += batch.count();
            batches.add(batch);
        }
        return batches;
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
    public OptionalLong rows() {
        return OptionalLong.of(rows);
    }

    @Override
    public BatchReader open() {
        return new BatchReader() {
            private int chunk;
            private int next;

            @Override
            public int read(double[] out, double[] outWeights, int maxRows) {
                while (chunk < data.size() && next == weights.get(chunk).length) {
                    chunk++;
                    next = 0;
                }
                if (chunk == data.size()) {
                    return 0;
                }
                int n = Math.min(maxRows, weights.get(chunk).length - next);
                System.arraycopy(data.get(chunk), next * dims, out, 0, n * dims);
                System.arraycopy(weights.get(chunk), next, outWeights, 0, n);
                next += n;
                return n;
            }

            @Override
            public long skip(long skip) {
                long skipped = 0;
                while (skipped < skip && chunk < data.size()) {
                    int n = (int) Math.min(skip - skipped, weights.get(chunk).length - next);
                    next += n;
                    skipped += n;
                    if (next == weights.get(chunk).length) {
                        chunk++;
                        next = 0;
                    }
                }
                return skipped;
            }

            @Override
            public void close() {
            }
        };
    }
}
