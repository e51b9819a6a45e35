package io.github.minibatchkmeans.core.internal.kernel;

import io.github.minibatchkmeans.core.internal.rows.Rows;

/**
 * One thread's buffers for labelling rows with a {@link Kernel}: per row the nearest centroid, its
 * score, (optionally) the second-lowest score, and the row's squared norm about the kernel's
 * origin. {@code best[i] + norms[i]} is row i's squared distance to its centroid.
 */
public final class BlockLabels {
    private final Kernel kernel;
    private final double[] scratch;
    public final double[] norms;
    public final int[] labels;
    public final double[] best;
    public final double[] second;

    /** Buffers for up to {@code capacity} rows; {@code withSecond} also tracks the runner-up score. */
    public BlockLabels(Kernel kernel, int capacity, boolean withSecond) {
        this.kernel = kernel;
        this.scratch = kernel.newScratch();
        this.norms = new double[capacity];
        this.labels = new int[capacity];
        this.best = new double[capacity];
        this.second = withSecond ? new double[capacity] : null;
    }

    /** Labels rows {@code [from, to)} of {@code rows} into slots {@code 0 .. to−from}. */
    public void assign(Rows rows, int from, int to) {
        kernel.nearest(rows, from, null, to - from, labels, best, second, norms, scratch, null);
    }

    /** As {@link #assign(Rows, int, int)}, handing each row to {@code sink} while it is in the cache. */
    public void assign(Rows rows, int from, int to, RowSink sink) {
        kernel.nearest(rows, from, null, to - from, labels, best, second, norms, scratch, sink);
    }

    /**
     * Each of the first {@code count} rows of {@code rows}, block after block: its nearest centroid
     * into {@code labelsOut} and its squared distance into {@code squaredOut} (either may be null).
     */
    public void assignAll(Rows rows, int count, int[] labelsOut, double[] squaredOut) {
        for (int from = 0; from < count; from += labels.length) {
            int to = Math.min(count, from + labels.length);
            assign(rows, from, to);
            if (labelsOut != null) {
                System.arraycopy(labels, 0, labelsOut, from, to - from);
            }
            for (int i = from; squaredOut != null && i < to; i++) {
                squaredOut[i] = squaredDistance(i - from);
            }
        }
    }

    /** Labels the listed rows of {@code rows} into slots {@code 0 .. count}. */
    public void assign(Rows rows, int[] index, int count) {
        kernel.nearest(rows, 0, index, count, labels, best, second, norms, scratch, null);
    }

    /** Squared distance of slot {@code i} to its nearest centroid, from the kernel (never below 0). */
    public double squaredDistance(int i) {
        return Math.max(0, best[i] + norms[i]);
    }

    public Kernel kernel() {
        return kernel;
    }
}
