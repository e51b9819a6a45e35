package io.github.minibatchkmeans.core.spi;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Chooses the starting centroids of a fit. The built-in ones are in
 * {@code io.github.minibatchkmeans.core.Initializers}; implement this for your own.
 */
public interface Initializer {

    /**
     * Returns {@code k} centroids of {@code context.dimensions()} values each.
     *
     * @param context what the initializer may use of the data
     * @param k how many centroids
     * @param random the only source of randomness to use, so that a seed reproduces the result
     * @return {@code k} centroids, one array each
     * @throws IOException when a pass over the data fails
     */
    double[][] initialCenters(InitContext context, int k, SplittableRandom random) throws IOException;

    /**
     * How many initializations to try when the user does not say (scikit-learn: 3 for random, else 1).
     *
     * @return the number of starts
     */
    default int defaultRestarts() {
        return 1;
    }

    /**
     * True if different random streams give different centers, so that restarts can find a better
     * optimum (false for fixed, given centers).
     *
     * @return whether restarts can differ
     */
    default boolean randomized() {
        return true;
    }

    /**
     * False if {@link #initialCenters} never calls {@link InitContext#sample()}: the statistics pass
     * then keeps no sample, which spares copying up to {@code sampleSize} rows (given centers need none).
     *
     * @return whether the sample is used
     */
    default boolean usesSample() {
        return true;
    }

    /**
     * Short name for results and logs, such as {@code "k-means++"}.
     *
     * @return the name
     */
    String name();
}
