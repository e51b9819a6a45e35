package io.github.minibatchkmeans.core.engine;

import io.github.minibatchkmeans.core.engine.ProgressEvent.Stage;
import io.github.minibatchkmeans.core.model.IterationRecord;
import io.github.minibatchkmeans.core.model.KMeansModel;
import io.github.minibatchkmeans.core.pass.PassRunner;
import io.github.minibatchkmeans.core.source.BatchSource;
import io.github.minibatchkmeans.core.source.ShuffledSource;
import io.github.minibatchkmeans.core.stats.ClusterStatistics;
import io.github.minibatchkmeans.core.stats.DataSummary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * STOCHASTIC mode over a whole source: epochs of {@link StochasticKMeans} steps over the batches
 * in stream order (through a {@link ShuffledSource} window unless that is turned off), until {@link MiniBatchConvergence} says stop or {@code maxIterations} epochs have
 * run; then one pass measures the inertia and sizes of the returned centers.
 */
final class StochasticFit {
    private final FitContext context;

    StochasticFit(FitContext context) {
        this.context = context;
    }

    KMeansModel fit(double[][] initialCenters) throws IOException {
        BatchSource source = context.source();
        KMeansConfig config = context.config();
        DataSummary summary = context.summary();
        PassRunner passes = context.passes();
        ProgressListener listener = context.listener();
        StochasticKMeans learner = new StochasticKMeans(config.k(), source.dimensions(), initialCenters,
                config.initializer(), config.reassignmentRatio(), config.seed(), passes);
        MiniBatchConvergence convergence = new MiniBatchConvergence(config.batchSize(), summary.rows(),
                config.maxNoImprovement(), config.tolerance() * summary.meanVariance());
        boolean trackShift = config.tolerance() > 0;
        List<IterationRecord> history = new ArrayList<>();
        boolean[] stopped = {false};
        int epochs = 0;
        while (epochs < config.maxIterations() && !stopped[0]) {
            epochs++;
            int epoch = epochs;
            double[][] atStart = learner.centers();
            double[] epochInertia = {0};
            int window = config.shuffleWindowRows(source.dimensions());
            BatchSource order = window > 0 ? new ShuffledSource(source, window, config.seed() + epoch) : source;
            passes.forEachBatch(order, rows -> {
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
        ClusterStatistics result = context.lloydPass(Stage.FINAL, 1, centers, 0);
        return new KMeansModel(Mode.STOCHASTIC, centers, result.weights(), result.inertia(), epochs, stopped[0], history);
    }
}
