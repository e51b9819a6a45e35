package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.internal.engine.OnePassLearner;

/**
 * A fit that sees every row exactly once, in bounded memory, with a result that hardly depends on
 * row order — for data that can be read only once (standard input, a one-shot stream, Weka's
 * incremental training) or when one pass is all one wants to pay for ({@link Mode#ONE_PASS}).
 * Rows go into a streaming coreset; {@link #finish} runs EXACT k-means with restarts on it and
 * takes sizes and inertia from the coreset's groups (exact while the groups are the rows
 * themselves, an upper bound once rows were merged). Obtained from {@link MiniBatchKMeans#onePass};
 * not thread-safe.
 */
public final class OnePass {
    private final OnePassLearner learner;
    private final Metric metric;

    OnePass(OnePassLearner learner, Metric metric) {
        this.learner = learner;
        this.metric = metric;
    }

    /**
     * Adds one row with weight {@code weight} (≥ 0, finite), prepared for the metric.
     *
     * @param row the values
     * @param weight the weight
     */
    public void add(double[] row, double weight) {
        learner.add(row, weight);
    }

    /**
     * Rows added so far.
     *
     * @return the value
     */
    public long rows() {
        return learner.rows();
    }

    /**
     * Each column's smallest value so far.
     *
     * @return one value per column
     */
    public double[] min() {
        return learner.min();
    }

    /**
     * Each column's largest value so far.
     *
     * @return one value per column
     */
    public double[] max() {
        return learner.max();
    }

    /**
     * Each column's weighted mean so far.
     *
     * @return one value per column
     */
    public double[] mean() {
        return learner.mean();
    }

    /**
     * Total weight so far.
     *
     * @return the value
     */
    public double totalWeight() {
        return learner.totalWeight();
    }

    /**
     * The model of every row added, clustered in the rows' own units.
     *
     * @return the model
     */
    public KMeansModel finish() {
        return finish(null, null);
    }

    /**
     * The model of every row added, clustered in the space {@code (x − shift)·scale} (per column),
     * chosen after the stream — say, each column scaled to [0, 1] by its range, from {@link #min()}
     * and {@link #max()}. The centroids are in that space.
     *
     * @param shift per column, subtracted first (null: none)
     * @param scale per column, multiplied then (null: none)
     * @return the model
     */
    public KMeansModel finish(double[] shift, double[] scale) {
        return EngineBridge.model(learner.finish(shift, scale), Mode.ONE_PASS, metric);
    }
}
