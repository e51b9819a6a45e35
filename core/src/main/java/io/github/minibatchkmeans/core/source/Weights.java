package io.github.minibatchkmeans.core.source;

import java.util.function.Supplier;

/** The one rule for row weights, shared by every source: finite and non-negative. */
public final class Weights {
    private Weights() {
    }

    /** Returns {@code w} if it is a valid weight, else throws naming {@code where}. */
    public static double check(double w, Supplier<String> where) {
        if (!(w >= 0) || w == Double.POSITIVE_INFINITY) {
            throw new InvalidInputException(where.get() + ": " + (Double.isNaN(w) || Double.isInfinite(w)
                    ? "weight is not a finite number: " + w : "negative weight: " + w));
        }
        return w;
    }
}
