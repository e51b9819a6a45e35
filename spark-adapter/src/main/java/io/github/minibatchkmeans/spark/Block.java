package io.github.minibatchkmeans.spark;

import java.io.Serial;
import java.io.Serializable;

/**
 * Up to {@link #ROWS} rows of one partition, as the passes read them: feature arrays, weights, each
 * row's id for the core's draws (a hash of its values and weight, so that seeding and sampling
 * draw the same rows however the data is partitioned), and where the block starts ({@code
 * partition << 40 | position}, to name the first defect). A partition's first defect is recorded
 * instead of thrown, so the driver can name it in an {@link IllegalArgumentException} rather than a
 * task failure.
 */
record Block(double[][] rows, double[] weights, long[] ids, long firstId, int positive, String problem) implements Serializable {
    @Serial
    private static final long serialVersionUID = 2L;

    /** Rows per block: big enough to feed the core's 512-row kernel blocks, small enough to stay in cache. */
    static final int ROWS = 4096;

    /**
     * A row's id from its content: rows with other values or weight get other ids (but for a 2^-64
     * chance), equal rows the same — which of two equal rows is drawn changes nothing.
     */
    static long contentId(double[] values, double weight) {
        long h = mix(values.length);
        for (double v : values) {
            h = mix(h ^ Double.doubleToRawLongBits(v)); // a bijection per step: every value and its position count
        }
        return mix(h ^ Double.doubleToRawLongBits(weight));
    }

    /** SplitMix64's finalizer (Steele, Lea, Flood 2014): a bijection that spreads every input bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
