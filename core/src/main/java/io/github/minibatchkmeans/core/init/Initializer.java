package io.github.minibatchkmeans.core.init;

import java.io.IOException;
import java.util.SplittableRandom;

/** Chooses the starting centroids of a fit. */
public interface Initializer {

    /** Returns {@code k} centroids of {@code context.dims()} values each. */
    double[][] initialCenters(InitContext context, int k, SplittableRandom random) throws IOException;

    /** How many initializations to score when the user does not say (scikit-learn: 3 for random, else 1). */
    default int defaultRestarts() {
        return 1;
    }

    /** Short name for results and logs, such as {@code "k-means++"}. */
    String name();
}
