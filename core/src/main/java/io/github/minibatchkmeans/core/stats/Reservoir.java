package io.github.minibatchkmeans.core.stats;

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

    /** A uniform key in [0, 1) from the seed and the row index (SplitMix64's finalizer). */
    static double key(long seed, long row) {
        long z = seed * 0x9E3779B97F4A7C15L + row + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    public void offer(long row, double weight, double[] data, int offset) {
        if (weight > 0) {
            top.offer(key(seed, row), row, weight, 0, data, offset);
        }
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
