package io.github.minibatchkmeans.weka;

import weka.core.Instance;

/**
 * Writes encoded instances into a caller's compressed sparse row arrays, as
 * {@code BatchReader.readSparse} fills them: one instance at a time, refusing (writing nothing)
 * one whose values would not fit, which the reader then delivers on its next call.
 */
final class SparseRowWriter {
    private final AttributeEncoding encoding;
    private int[] columns;
    private double[] values;
    private int rows;
    private int filled;

    SparseRowWriter(AttributeEncoding encoding) {
        this.encoding = encoding;
    }

    /** Starts filling new arrays. */
    void start() {
        rows = 0;
        filled = 0;
    }

    /** Rows written since {@link #start}. */
    int rows() {
        return rows;
    }

    /** Writes {@code instance} (weight {@code weight}) as the next row; false, writing nothing, if its values do not fit. */
    boolean write(Instance instance, double weight, int[] rowEnds, int[] indices, double[] out, double[] weights) {
        if (columns == null) {
            columns = new int[encoding.dimensions()];
            values = new double[encoding.dimensions()];
        }
        int count = encoding.encodeSparse(instance, columns, values);
        if (filled + count > out.length) {
            return false;
        }
        System.arraycopy(columns, 0, indices, filled, count);
        System.arraycopy(values, 0, out, filled, count);
        filled += count;
        rowEnds[rows] = filled;
        weights[rows++] = weight;
        return true;
    }
}
