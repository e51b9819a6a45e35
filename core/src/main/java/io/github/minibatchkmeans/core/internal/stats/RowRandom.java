package io.github.minibatchkmeans.core.internal.stats;

/**
 * Random numbers tied to rows: a pure function of (seed, row index). A pass that draws per-row
 * randomness this way gets the same draws whatever the batch size, thread count or order in which
 * rows are processed.
 */
public final class RowRandom {
    private RowRandom() {
    }

    /** A uniform number in (0, 1] from the seed and the row index (SplitMix64's finalizer). */
    public static double uniform(long seed, long row) {
        long z = seed * 0x9E3779B97F4A7C15L + row + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return ((z >>> 11) + 1) * 0x1.0p-53;
    }

    /**
     * Inverse CDF for drawing by weight: the first index below {@code n} whose cumulative mass
     * exceeds {@code target} (the last if rounding leaves none), by binary search.
     */
    public static int firstAbove(double[] cumulative, int n, double target) {
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
