package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.ProgressEvent.Stage;
import io.github.minibatchkmeans.core.internal.source.ShuffledSource;
import io.github.minibatchkmeans.core.internal.stats.ClusterStatistics;
import io.github.minibatchkmeans.core.internal.stats.DataSummary;
import io.github.minibatchkmeans.core.spi.BatchSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * STOCHASTIC mode over a whole source: epochs of {@link OnlineLearner} steps over the batches in
 * stream order (through a {@link ShuffledSource} window unless that is one row), until
 * {@link MiniBatchConvergence} says stop or {@code maxIterations} epochs have run; then one pass
 * measures the inertia and sizes of the returned centers.
 */
final class StochasticFit {
    private final Fit context;

    StochasticFit(Fit context) {
        this.context = context;
    }

    KMeansModel fit(double[][] initialCenters, int[] labelsOut) throws IOException {
        BatchSource source = context.source();
        KMeansConfig config = context.config();
        DataSummary summary = context.summary();
        ProgressListener listener = context.listener();
        int fits = context.passes().batchFor(source.dimensions(), summary.rows());
        if (fits < Math.min(config.batchSize(), summary.rows())) { // stochastic batches are the update unit: never shrunk silently
            throw new InvalidConfigException("batchSize", config.batchSize() + " rows of " + source.dimensions()
                    + " columns do not fit the heap (" + (Runtime.getRuntime().maxMemory() >> 20) + " MB); at most " + fits + " do");
        }
        OnlineLearner learner = new OnlineLearner(config, source.dimensions(), initialCenters, null, context.passes());
        MiniBatchConvergence convergence = new MiniBatchConvergence(config.batchSize(), summary.rows(),
                config.stochastic().maxNoImprovement(), config.tolerance() * summary.meanVariance());
        boolean trackShift = config.tolerance() > 0;
        List<IterationRecord> history = new ArrayList<>();
        boolean[] stopped = {false};
        int epochs = 0;
        int window = config.stochastic().shuffleWindowRows(source.dimensions(), config.batchSize());
        while (epochs < config.maxIterations() && !stopped[0]) {
            epochs++;
            int epoch = epochs;
            double[][] atStart = learner.centers();
            double[] epochInertia = {0};
            BatchSource order = window > 1 ? new ShuffledSource(source, window, config.seed() + epoch) : source;
            context.passes().forEachBatch(order, rows -> {
                double[][] before = trackShift ? learner.centers() : null;
                double inertia = learner.partialFit(rows.data, rows.weights, rows.count());
                epochInertia[0] += inertia;
                double shift = trackShift ? ExactLloyd.squaredShift(before, learner.centers()) : 0;
                stopped[0] = convergence.update(inertia / rows.count(), shift);
                return !stopped[0];
            }, rows -> listener.onProgress(new ProgressEvent(Stage.ITERATION, epoch, rows, summary.rows(), Double.NaN, false)));
            listener.onProgress(new ProgressEvent(Stage.ITERATION, epoch, summary.rows(), summary.rows(), epochInertia[0], true));
            history.add(new IterationRecord(epochInertia[0], ExactLloyd.squaredShift(atStart, learner.centers())));
        }
        double[][] centers = learner.centers();
        ClusterStatistics result = context.lloydPass(Stage.FINAL, 1, centers, labelsOut);
        listener.onProgress(new ProgressEvent(Stage.FINAL, 1, summary.rows(), summary.rows(), result.inertia(), true));
        return KMeansModel.builder(centers).mode(Mode.STOCHASTIC).sizes(result.weights()).inertia(result.inertia())
                .iterations(epochs).converged(stopped[0]).history(history).build();
    }
}
