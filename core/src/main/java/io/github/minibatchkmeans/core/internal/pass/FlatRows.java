package io.github.minibatchkmeans.core.internal.pass;

import io.github.minibatchkmeans.core.internal.rows.DenseRows;
import io.github.minibatchkmeans.core.internal.rows.FloatRows;
import io.github.minibatchkmeans.core.internal.rows.Rows;
import io.github.minibatchkmeans.core.internal.rows.SparseRows;
import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * Rows already in memory, as one or more chunks of one format (doubles, float32 or sparse): passes read them
 * in place, a chunk per batch, instead of copying them into batch buffers.
 */
public final class FlatRows implements BatchSource {
    private final List<Rows> chunks;
    private final int dims;
    private final String name;
    private final long rows;

    /** One dense chunk, row-major; {@code weights} may be null for all 1. */
    public FlatRows(double[] data, double[] weights, int dims, String name) {
        this(List.of(DenseRows.of(data, weights != null ? weights : ones(data.length / dims), dims)), dims, name);
    }

    /** One chunk of rows, any format, spanning all its rows. */
    public static FlatRows of(Rows chunk, String name) {
        return new FlatRows(List.of(chunk), chunk.dims, name);
    }

    /** Chunks of rows, each spanning all its rows, in order. */
    FlatRows(List<Rows> chunks, int dims, String name) {
        this.chunks = List.copyOf(chunks);
        this.dims = dims;
        this.name = name;
        this.rows = chunks.stream().mapToLong(Rows::count).sum();
    }

    private static double[] ones(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        return w;
    }

    /** The chunks as batches, sharing the arrays, each spanning its rows' place in the stream. */
    List<Rows> asBatches() {
        List<Rows> batches = new ArrayList<>(chunks.size());
        long first = 0;
        for (Rows chunk : chunks) {
            Rows batch = chunk.view();
            batch.span(first, chunk.count());
            first += chunk.count();
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
    public boolean sparse() {
        return !chunks.isEmpty() && chunks.get(0) instanceof SparseRows;
    }

    @Override
    public boolean float32() {
        return !chunks.isEmpty() && chunks.get(0) instanceof FloatRows;
    }

    @Override
    public BatchReader open() {
        return new BatchReader() {
            private int chunk;
            private int next;

            /** The chunk holding the next row, or null at the end. */
            private Rows current() {
                while (chunk < chunks.size() && next == chunks.get(chunk).count()) {
                    chunk++;
                    next = 0;
                }
                return chunk == chunks.size() ? null : chunks.get(chunk);
            }

            @Override
            public int read(double[] out, double[] outWeights, int maxRows) {
                Rows from = current();
                if (from == null) {
                    return 0;
                }
                int n = Math.min(maxRows, from.count() - next);
                from.copyRows(next, n, out, 0);
                System.arraycopy(from.weights, next, outWeights, 0, n);
                next += n;
                return n;
            }

            @Override
            public int readFloats(float[] out, double[] outWeights, int maxRows) {
                Rows from = current();
                if (from == null) {
                    return 0;
                }
                int n = Math.min(maxRows, from.count() - next);
                from.copyInto(next, n, FloatRows.of(out, outWeights, dims), 0);
                next += n;
                return n;
            }

            @Override
            public int readSparse(int[] rowEnds, int[] indices, double[] values, double[] outWeights, int maxRows) {
                SparseRows from = (SparseRows) current();
                if (from == null) {
                    return 0;
                }
                int n = from.copyRowsTo(next, Math.min(maxRows, from.count() - next), rowEnds, indices, values, outWeights);
                next += n;
                return n;
            }

            @Override
            public long skip(long skip) {
                long skipped = 0;
                while (skipped < skip && current() != null) {
                    int n = (int) Math.min(skip - skipped, chunks.get(chunk).count() - next);
                    next += n;
                    skipped += n;
                }
                return skipped;
            }

            @Override
            public void close() {
            }
        };
    }
}
