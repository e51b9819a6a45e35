package io.github.minibatchkmeans.core.internal.rows;

import io.github.minibatchkmeans.core.spi.BatchReader;
import java.io.IOException;

/**
 * Rows as row-major float32 values, {@code data[i·dims + j]}: half the memory of {@link DenseRows}.
 * Every computation widens a value to double as it loads it (exactly), then does what the dense
 * rows do in the same order — so results are bit-for-bit those of the same values as doubles.
 * Never scaled in place (the cosine metric keeps rows as doubles: unit rows would round to float).
 */
public final class FloatRows extends Rows {
    public final float[] data;

    public FloatRows(int capacity, int dims) {
        super(capacity, dims);
        this.data = new float[capacity * dims];
    }

    /** Rows over existing arrays: {@code data} row-major, {@code weights} one per row. */
    public FloatRows(float[] data, double[] weights, int dims) {
        super(weights, dims);
        this.data = data;
    }

    /** All {@code weights.length} rows of {@code data}, as one batch from row 0. */
    public static FloatRows of(float[] data, double[] weights, int dims) {
        FloatRows rows = new FloatRows(data, weights, dims);
        rows.span(0, weights.length);
        return rows;
    }

    @Override
    public RowFormat format() {
        return RowFormat.FLOAT32;
    }

    @Override
    public Rows view() {
        return new FloatRows(data, weights, dims);
    }

    @Override
    public void copyRow(int i, double[] out, int at) {
        for (int j = 0, from = i * dims; j < dims; j++) {
            out[at + j] = data[from + j];
        }
    }

    @Override
    public void copyRows(int from, int n, double[] out, int at) {
        for (int v = 0, start = from * dims, end = n * dims; v < end; v++) {
            out[at + v] = data[start + v];
        }
    }

    /** Sets row {@code i} to {@code values[at ..]}, which must be float32 values held as doubles (held rows are): narrowed exactly. */
    @Override
    public void putRow(int i, double[] values, int at, double weight) {
        for (int j = 0, to = i * dims; j < dims; j++) {
            data[to + j] = (float) values[at + j];
        }
        weights[i] = weight;
    }

    @Override
    public FloatRows trimmedCopy(int n) {
        FloatRows copy = new FloatRows(java.util.Arrays.copyOf(data, n * dims), java.util.Arrays.copyOf(weights, n), dims);
        copy.span(firstRow(), n);
        return copy;
    }

    @Override
    public void writeValues(int i, java.nio.ByteBuffer out) {
        out.asFloatBuffer().put(data, i * dims, dims);
        out.position(out.position() + 4 * dims);
    }

    @Override
    public void copyInto(int from, int n, Rows to, int at) {
        FloatRows into = (FloatRows) to;
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
            double x = data[j];
            sum += x * x;
        }
        return sum;
    }

    @Override
    public void zeroMissing(int i, double w, double[] lacking, long[] count) {
        for (int j = 0, at = i * dims; j < dims; j++, at++) {
            if (Float.isNaN(data[at])) {
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
                if (Float.isNaN(data[at])) {
                    data[at] = (float) fills[j]; // the fill as float32 holds it: float32 rows hold float32 values
                }
            }
        }
    }

    @Override
    public void scale(int i, double factor) {
        throw new UnsupportedOperationException("float32 rows are not scaled in place: a metric that scales rows holds them as doubles");
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
        return reader.readFloats(data, weights, maxRows);
    }
}
