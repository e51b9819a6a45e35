package io.github.minibatchkmeans.core.internal.prune;

import io.github.minibatchkmeans.core.internal.rows.Rows;
import io.github.minibatchkmeans.core.internal.rows.SparseRows;
import io.github.minibatchkmeans.core.internal.rows.TouchedOffsets;
import java.util.Arrays;

/**
 * The changes one block makes to the cluster moments: rows leaving and joining clusters. Dense
 * per cluster, with the touched clusters listed so that clearing and folding cost what was used.
 */
final class Delta {
    private final int dims;
    final double[] sum;
    final double[] weight;
    final double[] square;
    final int[] touched;
    int touchedCount;
    private final boolean[] isTouched;
    /** Sparse rows only: the offsets of {@code sum} they changed, so that folding and clearing cost their non-zeros. */
    TouchedOffsets sumOffsets;
    /** True while every change to {@code sum} since the last clear is in {@link #sumOffsets}. */
    boolean onlySumOffsets = true;

    Delta(int k, int dims) {
        this.dims = dims;
        this.sum = new double[k * dims];
        this.weight = new double[k];
        this.square = new double[k];
        this.touched = new int[k];
        this.isTouched = new boolean[k];
    }

    /**
     * Adds ({@code sign} = 1) or removes ({@code -1}) row {@code i} of {@code rows}, measured from
     * {@code origin} (its squared norm there is {@code norm}), to cluster {@code c}.
     */
    void add(int c, Rows rows, int i, double[] origin, double w, double norm, double sign) {
        if (!isTouched[c]) {
            isTouched[c] = true;
            touched[touchedCount++] = c;
        }
        double sw = sign * w;
        if (onlySumOffsets && rows instanceof SparseRows sparse) { // measured from 0, as sparse rows are
            if (sumOffsets == null) {
                sumOffsets = new TouchedOffsets(sum.length);
            }
            sparse.addScaled(i, sw, sum, c * dims, sumOffsets);
        } else {
            onlySumOffsets = false;
            rows.addCentred(i, sw, origin, sum, c * dims);
        }
        weight[c] += sw;
        square[c] += sw * norm;
    }

    void clear() {
        if (sumOffsets != null) {
            sumOffsets.clear(sum);
        }
        for (int t = 0; t < touchedCount; t++) {
            int c = touched[t];
            if (!onlySumOffsets) {
                Arrays.fill(sum, c * dims, (c + 1) * dims, 0);
            }
            weight[c] = 0;
            square[c] = 0;
            isTouched[c] = false;
        }
        touchedCount = 0;
        onlySumOffsets = true;
    }
}
