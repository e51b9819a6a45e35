package io.github.minibatchkmeans.core.internal.engine;

import java.util.List;

/**
 * What a fit found, for the facade to turn into a model.
 *
 * @param initialCentroids where the returned centroids started, or null
 */
public record FitResult(double[][] centroids, double[] sizes, double inertia, int iterations, boolean converged,
                        List<Iteration> history, double[][] initialCentroids) {
}
