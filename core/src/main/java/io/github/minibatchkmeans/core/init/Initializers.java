package io.github.minibatchkmeans.core.init;

/** The built-in initializers. */
public final class Initializers {
    private Initializers() {
    }

    /** k distinct rows drawn uniformly from the data. */
    public static Initializer random() {
        return new RandomRows();
    }

    /** Greedy k-means++ on the in-memory sample. */
    public static Initializer kMeansPlusPlus() {
        return new GreedyKMeansPlusPlus();
    }

    /** The caller's centers, used as given. */
    public static Initializer explicit(double[][] centers) {
        return new ExplicitCenters(centers);
    }
}
