package io.github.minibatchkmeans.core.internal.rows;

import io.github.minibatchkmeans.core.spi.BatchReader;
import java.io.IOException;

/** Rows as row-major doubles: {@code data[i·dims + j]}. */
public final class DenseRows extends Rows {
    public final double[] data;

    public DenseRows(int capacity, int dims) {
        super(capacity, dims);
        this.data = new double[capacity * dims];
    }

    /** Rows over existing arrays: {@code data} row-major, {@code weights} one per row. */
    public DenseRows(double[] data, double[] weights, int dims) {
        super(weights, dims);
        this.data = data;
    }

    /** All {@code weights.length} rows of {@code data}, as one batch from row 0 (for work on rows in memory). */
    public static DenseRows of(double[] data, double[] weights, int dims) {
        DenseRows rows = new DenseRows(data, weights, dims);
        rows.span(0, weights.length);
        return rows;
    }

    @Override
    public RowFormat format() {
        return RowFormat.DENSE;
    }

    @Override
    public Rows view() {
        return new DenseRows(data, weights, dims);
    }

    @Override
    public void copyRow(int i, double[] out, int at) {
        System.arraycopy(data, i * dims, out, at, dims);
    }

    @Override
    public void copyRows(int from, int n, double[] out, int at) {
        System.arraycopy(data, from * dims, out, at, n * dims);
    }

    @Override
    public void putRow(int i, double[] values, int at, double weight) {
        System.arraycopy(values, at, data, i * dims, dims);
        weights[i] = weight;
    }

    @Override
    public DenseRows trimmedCopy(int n) {
        DenseRows copy = new DenseRows(java.util.Arrays.copyOf(data, n * dims), java.util.Arrays.copyOf(weights, n), dims);
        copy.span(firstRow(), n);
        return copy;
    }

    @Override
    public void writeValues(int i, java.nio.ByteBuffer out) {
        out.asDoubleBuffer().put(data, i * dims, dims);
        out.position(out.position() + 8 * dims);
    }

    @Override
    public void copyInto(int from, int n, Rows to, int at) {
        DenseRows into = (DenseRows) to;
        System.arraycopy(data, from * dims, into.data, at * dims, n * dims);
        System.arraycopy(weights, from, into.weights, at, n);
    }

    @Override
    public double squaredDistance(int i, double[] point, int at, double pointSquaredNorm) {
        return Arithmetic.get().squaredDistance(data, i * dims, point, at, dims);
    }

    @Override
    public double squaredDistanceForBound(int i, double[] point, int at, double pointSquaredNorm) {
        return Arithmetic.get().squaredDistanceForBound(data, i * dims, point, at, dims);
    }

    @Override
    public double squaredNorm(int i) {
        double sum = 0;
        for (int j = i * dims, end = j + dims; j < end; j++) {
            sum += data[j] * data[j];
        }
        return sum;
    }

    @Override
    public void zeroMissing(int i, double w, double[] lacking, long[] count) {
        for (int j = 0, at = i * dims; j < dims; j++, at++) {
            if (Double.isNaN(data[at])) {
                data[at] = 0;
                lacking[j] += w;
                count[j]++;
            }
        }
    }

    @Override
    public void fillMissing(int from, int to, double[] fills) {
        for (int i = from; i < to; i++) {
            for (int j = 0, at = i * dims; j < dims; j++, at++) {
                if (Double.isNaN(data[at])) {
                    data[at] = fills[j];
                }
            }
        }
    }

    @Override
    public void scale(int i, double factor) {
        for (int j = i * dims, end = j + dims; j < end; j++) {
            data[j] *= factor;
        }
    }

    @Override
    public void addScaled(int i, double w, double[] into, int at) {
        Arithmetic.get().addScaled(into, at, w, data, i * dims, dims);
    }

    @Override
    public void addCentred(int i, double scale, double[] origin, double[] into, int at) {
        int base = i * dims;
        for (int j = 0; j < dims; j++) {
            into[at + j] += scale * (data[base + j] - origin[j]);
        }
    }

    @Override
    public void addToSummary(int i, double[] shift, double w, double[] sums, double[] squares, double[] min, double[] max) {
        Arithmetic.get().addSummary(data, i * dims, shift, w, sums, squares, min, max, dims);
    }

    @Override
    public int readFrom(BatchReader reader, int maxRows) throws IOException {
        return reader.read(data, weights, maxRows);
    }
}
