package io.github.minibatchkmeans.core.spi;

/**
 * The one rule for row weights, shared by every source: finite and non-negative. Sources test
 * each row with {@link #isValid} and build the message only when one fails, so the hot path
 * allocates nothing.
 */
public final class Weights {
    private Weights() {
    }

    public static boolean isValid(double w) {
        return w >= 0 && w != Double.POSITIVE_INFINITY;
    }

    /** The error for an invalid weight {@code w} found at {@code where}. */
    public static InvalidInputException rejected(double w, String where) {
        return new InvalidInputException(where + ": " + (Double.isNaN(w) || Double.isInfinite(w)
                ? "weight is not a finite number: " + w : "negative weight: " + w));
    }
}
