package io.github.minibatchkmeans.core.internal.engine;

/** Which kind of pass the engine is running (the facade's progress events name the same four). */
public enum Stage {
    /** Counting rows, feature means and variances, drawing the sample. */
    SUMMARY,
    /** A pass of an initializer that streams over the data (k-means||). */
    INITIALIZATION,
    /** One k-means iteration (EXACT) or epoch (STOCHASTIC). */
    ITERATION,
    /** Labels and inertia for the returned centroids. */
    FINAL
}
