package io.github.minibatchkmeans.core;

/** How centroids move. */
public enum Mode {
    /** Full passes over the data; each pass is exactly one in-memory Lloyd iteration. */
    EXACT,
    /** Sculley's mini-batch updates with per-centroid learning rates; approximate and online. */
    STOCHASTIC,
    /**
     * One pass in bounded memory (a streaming coreset, then EXACT k-means with restarts on it); the
     * result hardly depends on row order. What a source that can be read only once gets.
     */
    ONE_PASS
}
