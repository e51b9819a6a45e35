package io.github.minibatchkmeans.core.spi;

import java.io.IOException;

/** Receives each row's nearest centroid, in input order. */
@FunctionalInterface
public interface AssignmentSink {
    /**
     * @param row             0-based row index in the input
     * @param label           nearest centroid
     * @param squaredDistance its cost, as the inertia counts it: the squared Euclidean distance to the centroid, or
     *                        {@code 1 − cos} under the cosine metric
     * @throws IOException when the sink cannot take it
     */
    void accept(long row, int label, double squaredDistance) throws IOException;
}
