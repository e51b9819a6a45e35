package io.github.minibatchkmeans.core;

/**
 * How a centroid holds a nominal attribute — one whose values are one-hot columns of the rows
 * ({@link KMeansConfig.Builder#nominalColumns}), each present value written as
 * {@link KMeansConfig#nominalValue()} so that two rows differing in it are {@code nominalWeight}
 * apart (squared).
 */
public enum Nominal {
    /**
     * k-prototypes (Huang 1998), as Weka's SimpleKMeans: the centroid takes the attribute's most
     * frequent value among its rows (ties to the first value), and a row pays {@code nominalWeight}
     * for each attribute whose value differs from it. Exact from counts: a one-hot column's sum is
     * its value's weighted count. Exact mode with the Euclidean metric; stochastic and one-pass
     * updates, and the cosine metric (whose centroids are unit-length means), keep the frequencies.
     */
    MODE,
    /** Plain k-means on the one-hot columns: the centroid holds the values' weighted frequencies. */
    ONE_HOT
}
