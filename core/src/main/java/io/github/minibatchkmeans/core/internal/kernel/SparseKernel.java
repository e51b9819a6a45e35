package io.github.minibatchkmeans.core.internal.kernel;

import static io.github.minibatchkmeans.core.internal.kernel.FusedMultiplyAdd.madd;

import io.github.minibatchkmeans.core.internal.rows.Rows;
import io.github.minibatchkmeans.core.internal.rows.SparseRows;

/**
 * The kernel for {@link SparseRows}: a row's dot products with the k centroids cost one
 * multiply-add per (non-zero, centroid), never O(d). The centroids are held feature-major, so a
 * row's value at feature j meets all k centroids in one contiguous run that the JIT vectorizes —
 * and each dot product still adds its terms in feature order. Rows are measured from the origin
 * 0: centring them would fill them.
 */
final class SparseKernel extends Kernel {
    /** The centroids feature-major: {@code c_j} at {@code j·k + c}. */
    private final double[] byFeature;

    SparseKernel(double[][] centers) {
        super(centers, new double[centers[0].length]);
        this.byFeature = new double[k * dims];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < dims; j++) {
                byFeature[j * k + c] = centers[c][j];
            }
        }
    }

    @Override
    public String name() {
        return "sparse";
    }

    /** Scratch: one row's dot products with every centroid. */
    @Override
    public double[] newScratch() {
        return new double[k];
    }

    @Override
    public void nearest(Rows rows, int first, int[] rowIndex, int count, int[] labels, double[] best, double[] second,
                        double[] norms, double[] scratch, RowSink sink) {
        SparseRows sparse = (SparseRows) rows;
        for (int q = 0; q < count; q++) {
            norms[q] = dots(sparse, rowIndex == null ? first + q : rowIndex[q], scratch);
            pickFromDots(scratch, 0, q, labels, best, second);
            if (sink != null) {
                sink.accept(q, labels[q], null, 0, Math.max(0, best[q] + norms[q]));
            }
        }
    }

    @Override
    public void scores(Rows rows, int first, int[] rowIndex, int count, double[] out, double[] norms, double[] scratch) {
        SparseRows sparse = (SparseRows) rows;
        for (int q = 0; q < count; q++) {
            norms[q] = dots(sparse, rowIndex == null ? first + q : rowIndex[q], scratch);
            for (int c = 0; c < k; c++) {
                out[q * k + c] = bias[c] - 2 * scratch[c];
            }
        }
    }

    /** Row {@code i}'s dot products with every centroid into {@code dots[0 .. k)}; returns its squared length. */
    private double dots(SparseRows rows, int i, double[] dots) {
        java.util.Arrays.fill(dots, 0, k, 0);
        int[] indices = rows.indices;
        double[] values = rows.values;
        double norm = 0;
        for (int e = rows.start(i), end = rows.ends[i]; e < end; e++) {
            double v = values[e];
            int base = indices[e] * k;
            for (int c = 0; c < k; c++) {
                dots[c] = madd(v, byFeature[base + c], dots[c]);
            }
            norm = madd(v, v, norm);
        }
        return norm;
    }
}
