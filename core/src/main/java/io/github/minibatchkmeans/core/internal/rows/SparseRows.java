package io.github.minibatchkmeans.core.internal.rows;

import io.github.minibatchkmeans.core.spi.BatchReader;
import java.io.IOException;
import java.util.Arrays;

/**
 * Rows in compressed sparse row form: row {@code i}'s non-zero values are {@code values[start(i) ..
 * ends[i])}, at the strictly increasing feature indices {@code indices[..]}. Never densified:
 * every method costs O(non-zeros of the row), except {@link #copyRow} (a dense copy, O(d), for
 * the seeding sample and the farthest rows). Sparse rows are measured from the origin 0 — centring
 * them would fill them — so the {@code origin} and {@code shift} arguments must be zeros here.
 */
public final class SparseRows extends Rows {
    /** Unit roundoff of double precision. */
    private static final double UNIT_ROUNDOFF = 0x1.0p-53;
    /** A batch buffer's values take at most 1/32 of the heap: rows of many values make smaller batches, never an OutOfMemoryError. */
    private static final long MAX_VALUES = Math.min(Integer.MAX_VALUE - 8, Runtime.getRuntime().maxMemory() / 32 / 12);

    /** Where each row's values end; row i starts where row i − 1 ends (row 0 at 0). */
    public final int[] ends;
    public int[] indices;
    public double[] values;

    /** An empty buffer of {@code capacity} rows with room for {@code valueCapacity ≥ dims} non-zero values. */
    public SparseRows(int capacity, int dims, int valueCapacity) {
        this(new int[capacity], new int[Math.max(dims, valueCapacity)], new double[Math.max(dims, valueCapacity)],
                new double[capacity], dims);
    }

    /** Rows over existing arrays (shared, not copied). */
    public SparseRows(int[] ends, int[] indices, double[] values, double[] weights, int dims) {
        super(weights, dims);
        this.ends = ends;
        this.indices = indices;
        this.values = values;
    }

    @Override
    public RowFormat format() {
        return RowFormat.SPARSE;
    }

    /** Where row {@code i}'s values start. */
    public int start(int i) {
        return i == 0 ? 0 : ends[i - 1];
    }

    /** A copy of row {@code i}'s feature indices. */
    public int[] indicesOf(int i) {
        return Arrays.copyOfRange(indices, start(i), ends[i]);
    }

    /** A copy of row {@code i}'s non-zero values. */
    public double[] valuesOf(int i) {
        return Arrays.copyOfRange(values, start(i), ends[i]);
    }

    /** The feature index of stored value {@code e} (row i's are {@code start(i) ≤ e < end(i)}). */
    public int indexAt(int e) {
        return indices[e];
    }

    /** Stored value {@code e}. */
    public double valueAt(int e) {
        return values[e];
    }

    /** Where row {@code i}'s values end. */
    public int end(int i) {
        return ends[i];
    }

    /** Values the first {@code count()} rows hold. */
    public int valueCount() {
        return count() == 0 ? 0 : ends[count() - 1];
    }

    /** A copy of rows {@code [0, n)}, its arrays trimmed to them: for rows kept in memory. */
    @Override
    public SparseRows trimmedCopy(int n) {
        int used = n == 0 ? 0 : ends[n - 1];
        SparseRows copy = new SparseRows(Arrays.copyOf(ends, n), Arrays.copyOf(indices, used), Arrays.copyOf(values, used),
                Arrays.copyOf(weights, n), dims);
        copy.span(firstRow(), n);
        return copy;
    }

    /** Heap bytes of {@code rows} rows holding {@code values} non-zero values. */
    public static long bytesOf(long rows, long values) {
        return 12L * rows + 12L * values;
    }

    /**
     * Copies rows from {@code first} on, at most {@code maxRows}, as {@link BatchReader#readSparse}
     * delivers them, stopping before a row whose values would not fit; returns how many.
     */
    public int copyRowsTo(int first, int maxRows, int[] rowEnds, int[] toIndices, double[] toValues, double[] toWeights) {
        int filled = 0;
        int n = 0;
        for (; n < maxRows; n++) {
            int start = start(first + n);
            int length = ends[first + n] - start;
            if (filled + length > toValues.length) {
                break;
            }
            System.arraycopy(indices, start, toIndices, filled, length);
            System.arraycopy(values, start, toValues, filled, length);
            filled += length;
            rowEnds[n] = filled;
            toWeights[n] = weights[first + n];
        }
        return n;
    }

    @Override
    public Rows view() {
        return new SparseRows(ends, indices, values, weights, dims);
    }

    @Override
    public void copyRow(int i, double[] out, int at) {
        Arrays.fill(out, at, at + dims, 0);
        for (int e = start(i), end = ends[i]; e < end; e++) {
            out[at + indices[e]] = values[e];
        }
    }

    /** Appends a row: CSR rows are put in order, so {@code i} must be the row after the last one put. */
    @Override
    public void putRow(int i, double[] row, int at, double weight) {
        int e = start(i);
        int nonZero = 0;
        for (int j = 0; j < dims; j++) {
            nonZero += row[at + j] != 0 ? 1 : 0;
        }
        ensureValueCapacity(e + nonZero);
        for (int j = 0; j < dims; j++) {
            double v = row[at + j];
            if (v != 0) {
                indices[e] = j;
                values[e++] = v;
            }
        }
        ends[i] = e;
        weights[i] = weight;
    }

    /** Appends row {@code i} (the row after the last one put) from the non-zeros {@code [from, to)} of the given arrays. */
    public void putRow(int i, int[] fromIndices, double[] fromValues, int from, int to, double weight) {
        int e = start(i);
        ensureValueCapacity(e + to - from);
        System.arraycopy(fromIndices, from, indices, e, to - from);
        System.arraycopy(fromValues, from, values, e, to - from);
        ends[i] = e + to - from;
        weights[i] = weight;
    }

    private void ensureValueCapacity(int needed) {
        if (needed > values.length) {
            int grown = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * values.length));
            indices = Arrays.copyOf(indices, grown);
            values = Arrays.copyOf(values, grown);
        }
    }

    /**
     * {@code Σ (x_j − p_j)²} over the row's features plus {@code ‖p‖² − Σ p_j²} over them (the point's
     * mass elsewhere), with {@code pointSquaredNorm = ‖p‖²}: O(non-zeros), not O(d). The second term
     * errs by up to {@code (d + nnz)·u·‖p‖²} where it cancels; the sum never goes below the first.
     */
    @Override
    public double squaredDistance(int i, double[] point, int at, double pointSquaredNorm) {
        double near = 0;
        double elsewhere = pointSquaredNorm;
        for (int e = start(i), end = ends[i]; e < end; e++) {
            double p = point[at + indices[e]];
            double diff = values[e] - p;
            near += diff * diff;
            elsewhere -= p * p;
        }
        return near + Math.max(0, elsewhere);
    }

    /** {@link #squaredDistance} plus its worst rounding error: never below the true distance, as pruning bounds need. */
    @Override
    public double squaredDistanceForBound(int i, double[] point, int at, double pointSquaredNorm) {
        int nonZero = ends[i] - start(i);
        return squaredDistance(i, point, at, pointSquaredNorm) + 2.0 * (dims + nonZero + 2) * UNIT_ROUNDOFF * pointSquaredNorm;
    }

    @Override
    public double squaredNorm(int i) {
        double sum = 0;
        for (int e = start(i), end = ends[i]; e < end; e++) {
            sum += values[e] * values[e];
        }
        return sum;
    }

    @Override
    public void zeroMissing(int i, double w, double[] lacking, long[] count) {
        // sparse sources refuse missing values
    }

    @Override
    public void fillMissing(int from, int to, double[] fills) {
        // sparse sources refuse missing values: a value they do not store is 0, not missing
    }

    @Override
    public void scale(int i, double factor) {
        for (int e = start(i), end = ends[i]; e < end; e++) {
            values[e] *= factor;
        }
    }

    @Override
    public void addScaled(int i, double w, double[] into, int at) {
        for (int e = start(i), end = ends[i]; e < end; e++) {
            into[at + indices[e]] += w * values[e];
        }
    }

    /** {@link #addScaled}, recording in {@code touched} each offset of {@code into} it adds into. */
    public void addScaled(int i, double w, double[] into, int at, TouchedOffsets touched) {
        for (int e = start(i), end = ends[i]; e < end; e++) {
            int offset = at + indices[e];
            into[offset] += w * values[e];
            touched.mark(offset);
        }
    }

    /** As {@link #addScaled}: sparse rows are measured from 0, the only origin they are given. */
    @Override
    public void addCentred(int i, double scale, double[] origin, double[] into, int at) {
        assert isZero(origin) : "sparse rows are measured from 0";
        addScaled(i, scale, into, at);
    }

    /**
     * The statistics pass's work on the row's stored values (the shift must be 0); the zeros it does
     * not store reach each feature's range through {@link #countStored}.
     */
    @Override
    public void addToSummary(int i, double[] shift, double w, double[] sums, double[] squares, double[] min, double[] max) {
        assert isZero(shift) : "sparse rows are summarized from 0";
        for (int e = start(i), end = ends[i]; e < end; e++) {
            int j = indices[e];
            double x = values[e];
            double wx = w * x;
            sums[j] += wx;
            squares[j] += wx * x;
            min[j] = Math.min(min[j], x);
            max[j] = Math.max(max[j], x);
        }
    }

    /** {@code counts[j]++} for each feature j that row {@code i} stores: a feature stored in fewer rows than all has zeros. */
    public void countStored(int i, int[] counts) {
        for (int e = start(i), end = ends[i]; e < end; e++) {
            counts[indices[e]]++;
        }
    }

    @Override
    public int readFrom(BatchReader reader, int maxRows) throws IOException {
        int n = reader.readSparse(ends, indices, values, weights, maxRows);
        if (n > 0 && n < maxRows) { // stopped short, maybe by the values filling up: room for a full batch of such rows next time
            long wanted = (long) Math.ceil(1.25 * ends[n - 1] / n * maxRows);
            ensureValueCapacity((int) Math.min(wanted, MAX_VALUES));
        }
        return n;
    }

    private static boolean isZero(double[] values) {
        for (double v : values) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }
}
