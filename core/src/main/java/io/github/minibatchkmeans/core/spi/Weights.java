package io.github.minibatchkmeans.core.spi;

/**
 * The one rule for row weights, shared by every source: zero, or between {@link #MIN} and
 * {@link #MAX} — finite, and far enough from underflow and overflow that weighted sums and their
 * quotients stay finite. Sources test each row with {@link #isValid} and build the message only
 * when one fails, so the hot path allocates nothing.
 */
public final class Weights {
    private Weights() {
    }

    /** The smallest positive weight: a mean divided by less would overflow. */
    public static final double MIN = 1e-150;
    /** The largest weight. */
    public static final double MAX = 1e150;

    /**
     * True if {@code w} is 0 or within [{@link #MIN}, {@link #MAX}].
     *
     * @param w a weight
     * @return whether it is valid
     */
    public static boolean isValid(double w) {
        return w == 0 || w >= MIN && w <= MAX;
    }

    /**
     * What is wrong with an invalid weight {@code w}.
     *
     * @param w the weight
     * @return the problem in words
     */
    public static String problem(double w) {
        return Double.isNaN(w) || Double.isInfinite(w) ? "weight is not a finite number: " + w
                : w < 0 ? "negative weight: " + w
                : w < MIN ? "weight too small: " + w + " (positive weights must be at least 1e-150)"
                : "weight too large: " + w + " (at most 1e150)";
    }

    /**
     * The error for an invalid weight {@code w} found at {@code where}.
     *
     * @param w the weight
     * @param where the place, for the message
     * @return the error
     */
    public static InvalidInputException rejected(double w, String where) {
        return new InvalidInputException(where + ": " + problem(w));
    }
}
