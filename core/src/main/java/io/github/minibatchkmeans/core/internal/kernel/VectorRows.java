package io.github.minibatchkmeans.core.internal.kernel;

import io.github.minibatchkmeans.core.internal.rows.Rows;
import io.github.minibatchkmeans.core.internal.rows.VectorArithmetic;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/** Row loops the Vector API kernels share (loaded only with the Vector API). */
final class VectorRows {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorRows() {
    }

    /** {@link #centre(double[], int, int[], int, int, double[], int, double[], double[])} of rows as they are held, doubles or float32. */
    static void centre(Rows rows, int first, int[] rowIndex, int r, int tile, double[] origin, int dims, double[] scratch,
                       double[] norms) {
        float[] floats = Kernel.floatValues(rows);
        if (floats != null) {
            centre(floats, first, rowIndex, r, tile, origin, dims, scratch, norms);
        } else {
            centre(Kernel.denseValues(rows), first, rowIndex, r, tile, origin, dims, scratch, norms);
        }
    }

    /**
     * Copies rows {@code r .. r+tile−1} of a call — row {@code first + i}, or {@code rowIndex[i]} —
     * minus {@code origin}, to the head of {@code scratch} ({@code dims} values each), and their
     * squared norms to {@code norms[r ..]}.
     */
    static void centre(double[] data, int first, int[] rowIndex, int r, int tile, double[] origin, int dims, double[] scratch,
                       double[] norms) {
        int vectorEnd = SPECIES.loopBound(dims);
        for (int q = 0; q < tile; q++) {
            int from = (rowIndex == null ? first + r + q : rowIndex[r + q]) * dims;
            int to = q * dims;
            DoubleVector squares = DoubleVector.zero(SPECIES);
            int j = 0;
            for (; j < vectorEnd; j += LANES) {
                DoubleVector v = DoubleVector.fromArray(SPECIES, data, from + j).sub(DoubleVector.fromArray(SPECIES, origin, j));
                v.intoArray(scratch, to + j);
                squares = v.fma(v, squares);
            }
            double norm = VectorArithmetic.sum(squares);
            for (; j < dims; j++) {
                double v = data[from + j] - origin[j];
                scratch[to + j] = v;
                norm += v * v;
            }
            norms[r + q] = norm;
        }
    }

    /** {@link #centre(double[], int, int[], int, int, double[], int, double[], double[])} of float32 rows, each load widened: the same values. */
    static void centre(float[] data, int first, int[] rowIndex, int r, int tile, double[] origin, int dims, double[] scratch,
                       double[] norms) {
        int vectorEnd = SPECIES.loopBound(dims);
        for (int q = 0; q < tile; q++) {
            int from = (rowIndex == null ? first + r + q : rowIndex[r + q]) * dims;
            int to = q * dims;
            DoubleVector squares = DoubleVector.zero(SPECIES);
            int j = 0;
            for (; j < vectorEnd; j += LANES) {
                DoubleVector v = VectorArithmetic.widened(data, from + j).sub(DoubleVector.fromArray(SPECIES, origin, j));
                v.intoArray(scratch, to + j);
                squares = v.fma(v, squares);
            }
            double norm = VectorArithmetic.sum(squares);
            for (; j < dims; j++) {
                double v = data[from + j] - origin[j];
                scratch[to + j] = v;
                norm += v * v;
            }
            norms[r + q] = norm;
        }
    }
}
