package io.github.minibatchkmeans.core.internal.stats;

import io.github.minibatchkmeans.core.internal.rows.Rows;
import io.github.minibatchkmeans.core.spi.Sample;

/**
 * A uniform random sample of at most {@code capacity} rows with positive weight, kept with their
 * weights. Each row's random key is a hash of (seed, row index) and the rows with the largest keys
 * are kept, so the sample depends only on the data and the seed — not on batch size, thread count
 * or merge order.
 */
public final class Reservoir {
    private final TopRows top;
    private final int dims;
    private final long seed;

    public Reservoir(int capacity, int dims, long seed) {
        this.top = new TopRows(capacity, dims);
        this.dims = dims;
        this.seed = seed;
    }

    /**
     * Offers row {@code i} of {@code rows}, the {@code row}-th of the data, unless its key is below
     * {@code floor}: the lowest key of a full sample that this one will be merged into, where it
     * could not stay — so a block's sample copies only rows that may be kept.
     */
    public void offer(long row, double weight, Rows rows, int i, double floor) {
        if (weight > 0) {
            double key = RowRandom.uniform(seed, row);
            if (key >= floor) {
                top.offer(key, row, weight, 0, rows, i);
            }
        }
    }

    /** The key below which no row enters: the lowest kept once full, else −∞ (it only rises). */
    public double floor() {
        return top.floor();
    }

    public void merge(Reservoir other) {
        top.merge(other.top);
    }

    public void clear() {
        top.clear();
    }

    /** The sample, ordered by decreasing key: any prefix of it is itself a uniform sample. */
    public Sample toSample() {
        int[] order = top.slotsBestFirst();
        double[] data = new double[order.length * dims];
        double[] weights = new double[order.length];
        long[] rows = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            top.copyValues(order[i], data, i * dims);
            weights[i] = top.weight(order[i]);
            rows[i] = top.row(order[i]);
        }
        return new Sample(dims, data, weights, rows);
    }
}
