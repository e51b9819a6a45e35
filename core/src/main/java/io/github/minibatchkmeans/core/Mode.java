package io.github.minibatchkmeans.core;

/** How centroids move. */
public enum Mode {
    /** Full passes over the data; each pass is exactly one in-memory Lloyd iteration. */
    EXACT,
    /** Sculley's mini-batch updates with per-centroid learning rates; approximate and online. */
    STOCHASTIC
}
