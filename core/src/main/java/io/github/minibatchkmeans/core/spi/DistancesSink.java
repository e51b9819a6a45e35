package io.github.minibatchkmeans.core.spi;

import java.io.IOException;

/** Receives each row's nearest centroid and its distances to every centroid, in input order. */
@FunctionalInterface
public interface DistancesSink {
    /**
     * @param row       0-based row index in the input
     * @param label     nearest centroid
     * @param distances distance to each centroid (Euclidean, or {@code 1 − cos} under the cosine metric); the array
     *                  is reused after the call
     * @throws IOException when the sink cannot take it
     */
    void accept(long row, int label, double[] distances) throws IOException;
}
