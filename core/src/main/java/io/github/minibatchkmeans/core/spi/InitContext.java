package io.github.minibatchkmeans.core.spi;

import java.io.IOException;

/**
 * What an {@link Initializer} may use: what the statistics pass learned about the data — counts,
 * per-feature means and variances, a uniform in-memory sample — and passes over all the data,
 * wherever it is (a file streamed here, Spark partitions): {@link #drawByDistance}, the pass of
 * D² seeding, which is all k-means|| needs. The built-in initializers use nothing else.
 */
public interface InitContext {

    /**
     * Features per row.
     *
     * @return the columns of every row
     */
    int dimensions();

    /**
     * Rows in the data.
     *
     * @return the row count
     */
    long rows();

    /**
     * Total weight of the rows.
     *
     * @return Σ weight
     */
    double totalWeight();

    /**
     * Weighted mean of each feature.
     *
     * @return one mean per feature
     */
    double[] mean();

    /**
     * Weighted (population) variance of each feature.
     *
     * @return one variance per feature
     */
    double[] variance();

    /**
     * A uniform sample of the rows with positive weight, in memory.
     *
     * @return the sample
     */
    Sample sample();

    /**
     * One pass over all the data (reported as an initialization pass): each row's squared distance
     * D² to the nearest of {@code centers}; draws {@code count} distinct rows with probability
     * proportional to weight × D², as a pure function of {@code seed} and the rows (so a seed gives
     * the same draw for any threads, batches or partitioning); sums the cost Σ weight × D²; and
     * weighs each center by the rows nearest to it. Passes whose centers extend the previous
     * pass's (D² seeding's rounds) are cheaper where the data is local: only the new centers are
     * measured.
     *
     * @param centers the centers so far, one array each
     * @param count rows to draw; 0 only weighs the centers
     * @param seed the draw's seed
     * @return the rows drawn, the centers' weights and the cost
     * @throws IOException when the data cannot be read
     */
    DistanceDraw drawByDistance(double[][] centers, int count, long seed) throws IOException;

    /**
     * What {@link #drawByDistance} found.
     *
     * @param rows          the rows drawn, the first drawn first
     * @param centerWeights each center's total weight of the rows nearest to it
     * @param cost          Σ weight × D² over all rows
     */
    record DistanceDraw(double[][] rows, double[] centerWeights, double cost) {
    }
}
