package io.github.minibatchkmeans.core.internal.prune;

import io.github.minibatchkmeans.core.internal.rows.Rows;
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
    /** The offsets of {@code sum} sparse rows changed, so that folding and clearing cost their non-zeros. */
    final TouchedOffsets sumOffsets;

    Delta(int k, int dims) {
        this.dims = dims;
        this.sum = new double[k * dims];
        this.weight = new double[k];
        this.square = new double[k];
        this.touched = new int[k];
        this.isTouched = new boolean[k];
        this.sumOffsets = new TouchedOffsets(k * dims);
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
        if (!sumOffsets.added(rows, i, sw, sum, c * dims)) {
            rows.addCentred(i, sw, origin, sum, c * dims);
        }
        weight[c] += sw;
        square[c] += sw * norm;
    }

    void clear() {
        boolean onlyOffsets = sumOffsets.clear(sum);
        for (int t = 0; t < touchedCount; t++) {
            int c = touched[t];
            if (!onlyOffsets) {
                Arrays.fill(sum, c * dims, (c + 1) * dims, 0);
            }
            weight[c] = 0;
            square[c] = 0;
            isTouched[c] = false;
        }
        touchedCount = 0;
    }
}
