package io.github.minibatchkmeans.core.internal.engine;

/** Which kind of pass the engine is running (the facade's progress events name the same five). */
public enum Stage {
    /** Counting rows, feature means and variances, drawing the sample. */
    SUMMARY,
    /** A pass of an initializer that streams over the data (k-means||). */
    INITIALIZATION,
    /** One k-means iteration (EXACT) or epoch (STOCHASTIC). */
    ITERATION,
    /** Labels and inertia for the returned centroids. */
    FINAL,
    /** A sweep over k: one pass measuring every fitted model's clusters for the scores. */
    SCORES
}
