package io.github.minibatchkmeans.spark;

import io.github.minibatchkmeans.core.spi.PassStatistics;
import java.io.Serial;
import java.io.Serializable;

/**
 * Up to {@link #ROWS} rows of one partition, as the passes read them: each row dense (from a
 * {@code DenseVector}: {@code rows[i]}) or sparse (from a {@code SparseVector}: its non-zeros,
 * {@code indices[i]} and {@code values[i]}, never densified), weights, each row's id for the core's
 * draws (a hash of its content, so that seeding and sampling draw the same rows however the data is
 * partitioned), and where the block starts ({@code partition << 40 | position}, to name the first
 * defect). A partition's first defect is recorded instead of thrown, so the driver can name it in
 * an {@link IllegalArgumentException} rather than a task failure.
 */
record Block(int dims, double[][] rows, int[][] indices, double[][] values, double[] weights, long[] ids, long firstId, int positive,
             String problem) implements Serializable {
    @Serial
    private static final long serialVersionUID = 3L;

    /** Rows per block: big enough to feed the core's 512-row kernel blocks, small enough to stay in cache. */
    static final int ROWS = 4096;

    /** True if some row came as a sparse vector: then the whole fit runs on sparse rows. */
    boolean hasSparse() {
        for (int[] row : indices) {
            if (row != null) {
                return true;
            }
        }
        return false;
    }

    /** Adds the rows to {@code statistics}: all dense, or all sparse (a dense row by its non-zeros) when {@code sparse}. */
    void addTo(PassStatistics statistics, boolean sparse) {
        if (!sparse) {
            statistics.add(rows, weights, ids);
            return;
        }
        int count = 0;
        for (int i = 0; i < weights.length; i++) {
            count += rows[i] == null ? indices[i].length : nonZeros(rows[i]);
        }
        int[] ends = new int[weights.length];
        int[] allIndices = new int[count];
        double[] allValues = new double[count];
        int e = 0;
        for (int i = 0; i < weights.length; i++) {
            if (rows[i] == null) {
                System.arraycopy(indices[i], 0, allIndices, e, indices[i].length);
                System.arraycopy(values[i], 0, allValues, e, values[i].length);
                e += indices[i].length;
            } else {
                for (int j = 0; j < rows[i].length; j++) {
                    if (rows[i][j] != 0) {
                        allIndices[e] = j;
                        allValues[e++] = rows[i][j];
                    }
                }
            }
            ends[i] = e;
        }
        statistics.addSparse(ends, allIndices, allValues, weights, ids);
    }

    private static int nonZeros(double[] row) {
        int count = 0;
        for (double v : row) {
            count += v != 0 ? 1 : 0;
        }
        return count;
    }

    /**
     * A row's id from its content — its size, its non-zero values and their places, and its weight —
     * whether it came dense ({@code indices} null) or sparse: rows with other content get other ids
     * (but for a 2^-64 chance), equal rows the same, so which of two equal rows is drawn changes nothing.
     */
    static long contentId(int size, int[] indices, double[] values, double weight) {
        long h = mix(size);
        for (int e = 0; e < values.length; e++) {
            if (values[e] != 0) { // a bijection per step: every value and its place count
                h = mix(h ^ (indices == null ? e : indices[e]));
                h = mix(h ^ Double.doubleToRawLongBits(values[e]));
            }
        }
        return mix(h ^ Double.doubleToRawLongBits(weight));
    }

    /** SplitMix64's finalizer (Steele, Lea, Flood 2014): a bijection that spreads every input bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
