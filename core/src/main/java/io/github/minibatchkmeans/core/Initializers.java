package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.internal.init.ExplicitCenters;
import io.github.minibatchkmeans.core.internal.init.GreedyKMeansPlusPlus;
import io.github.minibatchkmeans.core.internal.init.KMeansParallel;
import io.github.minibatchkmeans.core.internal.init.RandomRows;
import io.github.minibatchkmeans.core.spi.Initializer;

/** The built-in initializers; each uses only the public SPI ({@link io.github.minibatchkmeans.core.spi.InitContext}). */
public final class Initializers {
    private Initializers() {
    }

    /**
     * k distinct rows drawn uniformly from the data.
     *
     * @return the initializer
     */
    public static Initializer random() {
        return new RandomRows();
    }

    /**
     * Greedy k-means++ (Arthur &amp; Vassilvitskii 2007, scikit-learn's greedy form) on a uniform sample.
     *
     * @return the initializer
     */
    public static Initializer kMeansPlusPlus() {
        return new GreedyKMeansPlusPlus();
    }

    /**
     * k-means|| (Bahmani et al. 2012) with the table's defaults: ℓ = 2k candidates per round, 5 rounds.
     *
     * @return the initializer
     */
    public static Initializer kMeansParallel() {
        return kMeansParallel(Parameters.INIT_OVERSAMPLING.defaultValue(Mode.EXACT).orElseThrow(),
                Parameters.INIT_ROUNDS.defaultValue(Mode.EXACT).orElseThrow());
    }

    /**
     * k-means|| with {@code oversampling} candidates per round (ℓ; 0 means 2k) and {@code rounds}
     * oversampling passes over the data.
     *
     * @param oversampling candidates per round, ℓ (0: 2k)
     * @param rounds oversampling passes
     * @return the initializer
     */
    public static Initializer kMeansParallel(int oversampling, int rounds) {
        return new KMeansParallel(InvalidConfigException.check(Parameters.INIT_OVERSAMPLING, oversampling),
                InvalidConfigException.check(Parameters.INIT_ROUNDS, rounds));
    }

    /**
     * The built-in initializer called {@code name} in the parameter table ({@link Parameters#INIT}):
     * {@code random}, {@code k-means++} or {@code k-means||}.
     *
     * @param name the initializer's name
     * @return the initializer
     */
    public static Initializer named(String name) {
        return switch (InvalidConfigException.check(Parameters.INIT, name)) {
            case "random" -> random();
            case "k-means||" -> kMeansParallel();
            default -> kMeansPlusPlus();
        };
    }

    /**
     * The caller's centers, used as given (copied).
     *
     * @param centers k centers, one array each
     * @return the initializer
     */
    public static Initializer explicit(double[][] centers) {
        return new ExplicitCenters(centers);
    }
}
