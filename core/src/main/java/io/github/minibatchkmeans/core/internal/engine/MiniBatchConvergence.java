package io.github.minibatchkmeans.core.internal.engine;

/**
 * scikit-learn's early stopping for mini-batch k-means: an exponentially weighted average of the
 * per-row batch inertia, with the smoothing a window of about one pass over the data gives
 * ({@code α = 2·batch/(n+1)}); stop when it has not improved for {@code maxNoImprovement} batches,
 * or when the centers moved by at most {@code threshold} in one step. The first step is ignored:
 * its inertia is that of the initial centers.
 */
final class MiniBatchConvergence {
    private final double alpha;
    private final int maxNoImprovement; // 0: never
    private final double threshold;
    private long step;
    private double smoothed = Double.NaN;
    private double best = Double.POSITIVE_INFINITY;
    private int noImprovement;

    /** @param maxNoImprovement batches without improvement before stopping; 0 never stops on it */
    MiniBatchConvergence(int batchSize, long rows, int maxNoImprovement, double threshold) {
        this.alpha = Math.min(1.0, batchSize * 2.0 / (rows + 1));
        this.maxNoImprovement = maxNoImprovement;
        this.threshold = threshold;
    }

    /**
     * @param inertiaPerRow the batch's inertia divided by its row count
     * @param shift         the step's total squared center movement (only used when the threshold is positive)
     * @return true to stop
     */
    boolean update(double inertiaPerRow, double shift) {
        if (++step == 1) {
            return false;
        }
        smoothed = Double.isNaN(smoothed) ? inertiaPerRow : smoothed * (1 - alpha) + inertiaPerRow * alpha;
        if (threshold > 0 && shift <= threshold) {
            return true;
        }
        if (smoothed < best) {
            best = smoothed;
            noImprovement = 0;
        } else {
            noImprovement++;
        }
        return maxNoImprovement > 0 && noImprovement >= maxNoImprovement;
    }

    /** The smoothed per-row inertia, NaN before the second step. */
    double smoothed() {
        return smoothed;
    }
}
