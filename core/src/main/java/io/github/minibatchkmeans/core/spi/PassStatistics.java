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
        PassStatistics create(double[][] centers);
    }

    /**
     * Adds {@code batch} (rows of equal length, values {@link Values#isUsable usable}) with
     * {@code weights} ({@code null}: all 1; each {@link Weights#isValid valid}); the rows' ids are
     * {@code firstId}, {@code firstId + 1}, …
     *
     * @return this
     * @throws InvalidInputException for a bad value or weight, naming the row id
     */
    PassStatistics add(double[][] batch, double[] weights, long firstId);

    /** Adds {@code other}'s statistics (of the same pass, other rows) into these. */
    PassStatistics merge(PassStatistics other);

    /** Rows added. */
    long rows();
}
