package io.github.minibatchkmeans.core.spi;

import java.io.Serializable;

/**
 * What one part of a {@link PassEngine}'s pass folds its rows into: per-centroid sums and weights,
 * the inertia, and whatever else the pass asked for (a sample, the farthest rows, draws for
 * seeding). Statistics of disjoint parts merge into those of the whole, with the same bits
 * whatever the order; which rows are kept or drawn depends only on the rows and their ids.
 * Created by the core ({@link Start}), serializable, so an engine ships them between machines.
 * Not thread-safe: one part per instance.
 */
public interface PassStatistics extends Serializable {

    /** How the statistics of one part of a pass start, shipped to where the part is. */
    @FunctionalInterface
    interface Start extends Serializable {
        /**
         * Empty statistics of a pass with {@code centers}.
         *
         * @param centers the centroids of the pass
         * @return empty statistics
         */
        PassStatistics create(double[][] centers);
    }

    /**
     * Adds {@code batch} (rows of equal length, values {@link Values#isUsable usable}) with
     * {@code weights} ({@code null}: all 1; each {@link Weights#isValid valid}) and {@code ids}, one
     * per row. Ids decide which rows are drawn or sampled: rows that differ need different ids, and
     * only equal rows of equal weight may share one. An engine whose ids depend on the rows alone
     * (a hash of values and weight) draws the same rows however the data is partitioned or ordered.
     *
     * @param batch the rows
     * @param weights their weights, or null
     * @param ids one id per row
     * @return this
     * @throws InvalidInputException for a bad value or weight, naming the row id
     */
    PassStatistics add(double[][] batch, double[] weights, long[] ids);

    /**
     * {@link #add(double[][], double[], long[])} with the ids {@code firstId}, {@code firstId + 1}, …
     *
     * @param batch the rows
     * @param weights their weights, or null
     * @param firstId the first row's id
     * @return this
     */
    default PassStatistics add(double[][] batch, double[] weights, long firstId) {
        long[] ids = new long[batch.length];
        java.util.Arrays.setAll(ids, i -> firstId + i);
        return add(batch, weights, ids);
    }

    /**
     * Adds sparse rows, for an engine whose {@link PassEngine#sparse()} is true: row {@code i}'s
     * non-zero values are {@code values[s .. e)} at the strictly increasing feature indices
     * {@code indices[s .. e)}, where {@code e = rowEnds[i]} and {@code s} is 0 for the first row,
     * else {@code rowEnds[i − 1]}; there are {@code ids.length} rows. As {@link #add(double[][],
     * double[], long[])} otherwise: ids decide the draws, so rows of equal content need equal ids
     * however they are held.
     *
     * @param rowEnds where each row's values end
     * @param indices the values' feature indices
     * @param values the non-zero values
     * @param weights their weights, or null
     * @param ids one id per row
     * @return this
     * @throws InvalidInputException for a bad index, value or weight, naming the row id
     */
    default PassStatistics addSparse(int[] rowEnds, int[] indices, double[] values, double[] weights, long[] ids) {
        throw new UnsupportedOperationException("these statistics take dense rows only");
    }

    /**
     * Adds {@code other}'s statistics (of the same pass, other rows) into these.
     *
     * @param other statistics of the same pass
     * @return this
     */
    PassStatistics merge(PassStatistics other);

    /**
     * Rows added.
     *
     * @return the count
     */
    long rows();
}
