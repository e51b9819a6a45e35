package io.github.minibatchkmeans.core;

/**
 * How EXACT mode avoids distance computations without changing any label: bounds from the
 * triangle inequality (Hamerly 2010, Elkan 2003) settle most rows after the first iterations,
 * and a block of rows whose bounds all hold is not even read.
 */
public enum Pruning {
    /** Elkan's bounds for wide rows (64 features or more) when the memory allows, else Hamerly's. */
    AUTO,
    /** Plain Lloyd: every row scored against every centroid in every pass. */
    OFF,
    /** One lower bound per row. */
    HAMERLY,
    /** One lower bound per row and centroid. */
    ELKAN
}
