package io.github.minibatchkmeans.core.internal.prune;

import java.util.Arrays;

/**
 * How far each centroid has moved, summed since the start: bounds taken at one pass are brought
 * up to date at a later one by the movement in between (Hamerly 2010: an upper bound grows by its
 * centroid's move, a lower bound shrinks by the largest move), so a row that is not visited keeps
 * valid bounds without being touched. Each cluster a also has a clock, {@link #clock}: the sum over
 * updates of its centroid's move plus the largest move of another centroid — exactly how much the
 * gap between a row's lower and upper bound can shrink — so a row of cluster a can be given a
 * deadline on that clock. {@link #total} sums each update's largest move: twice it bounds every
 * clock's advance, so a block of rows from many clusters can be given a deadline on it.
 */
final class Drift {
    /** Relative slack on every move, so that rounding in the sums can only loosen the bounds. */
    private static final double SLACK = 1 + 1e-12;
    private final int k;
    /** {@code cumulative[t][c]}: total move of centroid c over the first t updates. */
    private double[][] cumulative;
    /** {@code total[t]}: the sum over the first t updates of the largest move in each. */
    private double[] total;
    /** {@code clocks[t][a]}: the sum over the first t updates of a's move plus the largest other move. */
    private double[][] clocks;
    private int now;
    /** {@link #largest} by starting time, for the current time; NaN until asked. */
    private double[] largestSince = {Double.NaN};

    Drift(int k) {
        this.k = k;
        this.cumulative = new double[16][];
        this.cumulative[0] = new double[k];
        this.total = new double[16];
        this.clocks = new double[16][];
        this.clocks[0] = new double[k];
    }

    /** The number of recorded updates: the "time" bounds are stamped with. */
    int now() {
        return now;
    }

    /** Records one update of the centroids, from {@code before} to {@code after}. */
    void record(double[][] before, double[][] after) {
        double[] last = cumulative[now];
        double[] next = new double[k];
        double[] moves = new double[k];
        int largest = 0;
        for (int c = 0; c < k; c++) {
            double squared = 0;
            for (int j = 0; j < before[c].length; j++) {
                double diff = after[c][j] - before[c][j];
                squared += diff * diff;
            }
            moves[c] = Math.sqrt(squared) * SLACK;
            next[c] = last[c] + moves[c];
            largest = moves[c] > moves[largest] ? c : largest;
        }
        double secondLargest = 0;
        for (int c = 0; c < k; c++) {
            secondLargest = c != largest && moves[c] > secondLargest ? moves[c] : secondLargest;
        }
        double[] clock = new double[k];
        for (int a = 0; a < k; a++) {
            clock[a] = (clocks[now][a] + moves[a] + (a == largest ? secondLargest : moves[largest])) * SLACK;
        }
        if (now + 1 == cumulative.length) {
            cumulative = Arrays.copyOf(cumulative, 2 * cumulative.length);
            total = Arrays.copyOf(total, 2 * total.length);
            clocks = Arrays.copyOf(clocks, 2 * clocks.length);
        }
        total[now + 1] = (total[now] + moves[largest]) * SLACK;
        clocks[now + 1] = clock;
        cumulative[++now] = next;
        largestSince = new double[now + 1];
        Arrays.fill(largestSince, Double.NaN);
    }

    /** How far centroid {@code c} moved between time {@code since} and now. */
    double of(int c, int since) {
        return cumulative[now][c] - cumulative[since][c];
    }

    /** The sum of the largest moves of the updates up to now. */
    double total() {
        return total[now];
    }

    /** The sum of the largest moves of the first t updates. */
    double total(int t) {
        return total[t];
    }

    /** Each cluster's clock now (shared: do not change it). */
    double[] clocks() {
        return clocks[now];
    }

    /**
     * How many updates at the last update's pace until each cluster's clock advances by one: a row
     * with budget b left is due in about {@code b · pace[a]} updates (before any update, all 1).
     */
    double[] pace() {
        double[] pace = new double[k];
        for (int a = 0; a < k; a++) {
            double advance = now == 0 ? 1 : clocks[now][a] - clocks[now - 1][a];
            pace[a] = advance > 0 ? 1 / advance : Double.MAX_VALUE;
        }
        return pace;
    }

    /** The clocks rounded up to floats: a float deadline beyond one is beyond the clock. */
    float[] clocksUp() {
        double[] clock = clocks[now];
        float[] up = new float[k];
        for (int c = 0; c < k; c++) {
            up[c] = RowBounds.up(clock[c]);
        }
        return up;
    }

    /** The largest move of any centroid between time {@code since} and now (remembered until the next update). */
    double largest(int since) {
        if (Double.isNaN(largestSince[since])) {
            double[] current = cumulative[now];
            double[] then = cumulative[since];
            double largest = 0;
            for (int c = 0; c < k; c++) {
                largest = Math.max(largest, current[c] - then[c]);
            }
            largestSince[since] = largest;
        }
        return largestSince[since];
    }

    /** Every centroid's move between time {@code since} and now, into {@code out}. */
    void all(int since, double[] out) {
        double[] current = cumulative[now];
        double[] then = cumulative[since];
        for (int c = 0; c < k; c++) {
            out[c] = current[c] - then[c];
        }
    }
}
