package io.github.minibatchkmeans.spark;

import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.KSweep;
import java.io.Serial;
import java.io.Serializable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a fit reports, as Spark ML's {@code KMeansSummary}: cluster sizes, cost, iterations, and the training predictions.
 *
 * @serial exclude
 */
public final class MiniBatchKMeansSummary implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final KMeansModel fitted;
    private final transient MiniBatchKMeansModel model;
    private final transient Dataset<?> training;
    /** The sweep over k that chose the model; null when one k was fitted. */
    private final KSweep sweep;

    MiniBatchKMeansSummary(KMeansModel fitted, MiniBatchKMeansModel model, Dataset<?> training, KSweep sweep) {
        this.fitted = fitted;
        this.sweep = sweep;
        this.model = model;
        this.training = training;
    }

    /**
     * The sweep over k that chose this model ({@code kMax} above {@code k}): every k's model and
     * scores, and the recommended k; empty when one k was fitted.
     *
     * @return the sweep
     */
    public java.util.Optional<KSweep> kSweep() {
        return java.util.Optional.ofNullable(sweep);
    }

    /**
     * The number of clusters.
     *
     * @return k
     */
    public int k() {
        return fitted.k();
    }

    /**
     * Rows per cluster: rounded weights (weighted data: see {@link #clusterWeights()}).
     *
     * @return one count per cluster
     */
    public long[] clusterSizes() {
        double[] weights = fitted.sizes();
        long[] sizes = new long[weights.length];
        for (int c = 0; c < weights.length; c++) {
            sizes[c] = Math.round(weights[c]);
        }
        return sizes;
    }

    /**
     * Total row weight per cluster.
     *
     * @return one weight per cluster
     */
    public double[] clusterWeights() {
        return fitted.sizes();
    }

    /**
     * The missing values (NaN in dense features vectors) the fit filled in with their feature's mean or left out.
     *
     * @return the count; 0 if none
     */
    public long missingValues() {
        return fitted.missingValues();
    }

    /**
     * Sum of weighted squared distances of the rows to their nearest returned centroid.
     *
     * @return the cost
     */
    public double trainingCost() {
        return fitted.inertia();
    }

    /**
     * Iterations (EXACT) or steps (STOCHASTIC) run.
     *
     * @return the count
     */
    public int numIter() {
        return fitted.iterations();
    }

    /**
     * True if the fit converged before {@code maxIter}.
     *
     * @return whether it converged
     */
    public boolean converged() {
        return fitted.converged();
    }

    /**
     * The training data with the prediction column.
     *
     * @return the predictions
     */
    public Dataset<Row> predictions() {
        return model.transform(training);
    }
}
