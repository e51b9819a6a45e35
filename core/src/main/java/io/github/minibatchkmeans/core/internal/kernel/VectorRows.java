package io.github.minibatchkmeans.core.internal.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/** Row loops the Vector API kernels share (loaded only with the Vector API). */
final class VectorRows {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorRows() {
    }

    /**
     * The sum of {@code v}'s lanes, lane 0 first. {@code reduceLanes(ADD)} may add in any order — the
     * JIT's tree and the interpreter's loop differ — so the same row could round differently before
     * and after compilation; this order never changes.
     */
    static double sum(DoubleVector v) {
        double sum = 0;
        for (int i = 0; i < LANES; i++) {
            sum += v.lane(i);
        }
        return sum;
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
            double norm = sum(squares);
            for (; j < dims; j++) {
                double v = data[from + j] - origin[j];
                scratch[to + j] = v;
                norm += v * v;
            }
            norms[r + q] = norm;
        }
    }
}
