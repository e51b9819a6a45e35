package io.github.minibatchkmeans.core.spi;

/**
 * The one rule for data values, shared by every source and model reader: a value's magnitude is at
 * most {@link #LIMIT}, so that squared distances — and their sums over billions of rows — stay
 * finite in double precision. NaN and the infinities fail it too. Sources test each value with
 * {@link #isUsable} and build the message only when one fails.
 */
public final class Values {
    /** The largest magnitude a value may have: (10¹⁵⁰)² × 10⁸ rows is still below Double.MAX_VALUE ≈ 1.8·10³⁰⁸. */
    public static final double LIMIT = 1e150;

    private Values() {
    }

    /**
     * True if {@code v} is finite and within ±1e150 (so that squared distances cannot overflow).
     *
     * @param v a value
     * @return whether it is usable
     */
    public static boolean isUsable(double v) {
        return Math.abs(v) <= LIMIT; // false for NaN
    }

    /**
     * True if {@code v} is {@link #isUsable usable} or a missing value (NaN), which the fit's
     * {@code missing} policy fills in or refuses.
     *
     * @param v a value
     * @return whether a source may deliver it
     */
    public static boolean isUsableOrMissing(double v) {
        return isUsable(v) || Double.isNaN(v);
    }

    /**
     * What is wrong with an unusable {@code v}.
     *
     * @param v the value
     * @return the problem in words
     */
    public static String problem(double v) {
        return Double.isFinite(v) ? "value too large: " + v + " (beyond ±1e150 squared distances overflow; rescale the data)"
                : "not a finite number: " + v;
    }

    /**
     * The error for an unusable value {@code v} found at {@code where}.
     *
     * @param v the value
     * @param where the place, for the message
     * @return the error
     */
    public static InvalidInputException rejected(double v, String where) {
        return new InvalidInputException(where + ": " + problem(v));
    }
}
