package io.github.minibatchkmeans.core.spi;

/**
 * What an {@link Initializer} may use: what the statistics pass learned about the data — counts,
 * per-feature means and variances, a uniform in-memory sample — and the source itself, for an
 * initializer that wants to stream over the data.
 */
public interface InitContext {

    /** Features per row. */
    int dimensions();

    /** Rows in the data. */
    long rows();

    /** Total weight of the rows. */
    double totalWeight();

    /** Weighted mean of each feature. */
    double[] mean();

    /** Weighted (population) variance of each feature. */
    double[] variance();

    /** A uniform sample of the rows with positive weight, in memory. */
    Sample sample();

    /** The data. */
    BatchSource source();
}
