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

    /** k-means|| with ℓ = 2k candidates per round and 5 rounds. */
    public static Initializer kMeansParallel() {
        return new KMeansParallel(0, 5);
    }

    /** k-means|| with {@code oversampling} (ℓ; 0 = 2k) candidates per round and {@code rounds} rounds. */
    public static Initializer kMeansParallel(int oversampling, int rounds) {
        return new KMeansParallel(oversampling, rounds);
    }

    /** The caller's centers, used as given. */
    public static Initializer explicit(double[][] centers) {
        return new ExplicitCenters(centers);
    }
}
