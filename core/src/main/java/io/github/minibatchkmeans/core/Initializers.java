package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.internal.init.ExplicitCenters;
import io.github.minibatchkmeans.core.internal.init.GreedyKMeansPlusPlus;
import io.github.minibatchkmeans.core.internal.init.KMeansParallel;
import io.github.minibatchkmeans.core.internal.init.RandomRows;
import io.github.minibatchkmeans.core.spi.Initializer;

/** The built-in initializers. */
public final class Initializers {
    private Initializers() {
    }

    /** k distinct rows drawn uniformly from the data. */
    public static Initializer random() {
        return new RandomRows();
    }

    /** Greedy k-means++ (Arthur &amp; Vassilvitskii 2007, scikit-learn's greedy form) on a uniform sample. */
    public static Initializer kMeansPlusPlus() {
        return new GreedyKMeansPlusPlus();
    }

    /** k-means|| (Bahmani et al. 2012) with ℓ = 2k candidates per round and 5 rounds. */
    public static Initializer kMeansParallel() {
        return kMeansParallel(0, 5);
    }

    /**
     * k-means|| with {@code oversampling} candidates per round (ℓ; 0 means 2k) and {@code rounds}
     * oversampling passes over the data.
     */
    public static Initializer kMeansParallel(int oversampling, int rounds) {
        KMeansConfig.require(oversampling >= 0, "oversampling", "must be >= 0 (0 = 2k), got " + oversampling);
        KMeansConfig.require(rounds >= 1, "rounds", "must be >= 1, got " + rounds);
        return new KMeansParallel(oversampling, rounds);
    }

    /** The caller's centers, used as given (copied). */
    public static Initializer explicit(double[][] centers) {
        return new ExplicitCenters(centers);
    }
}
