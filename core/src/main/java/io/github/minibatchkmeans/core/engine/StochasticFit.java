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
    private final BatchSource source;
    private final KMeansConfig config;
    private final DataSummary summary;
    private final PassRunner passes;
    private final ProgressListener listener;

    StochasticFit(BatchSource source, KMeansConfig config, DataSummary summary, PassRunner passes, ProgressListener listener) {
        this.source = source;
        this.config = config;
        this.summary = summary;
        this.passes = passes;
        this.listener = listener;
    }

    KMeansModel fit(double[][] initialCenters) throws IOException {
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
        ClusterStatistics result = LloydTask.pass(passes, source, centers, 0,
                rows -> listener.onProgress(new ProgressEvent(Stage.FINAL, 1, rows, summary.rows(), Double.NaN, false)));
        listener.onProgress(new ProgressEvent(Stage.FINAL, 1, summary.rows(), summary.rows(), result.inertia(), true));
        return new KMeansModel(Mode.STOCHASTIC, centers, result.weights(), result.inertia(), epochs, stopped[0], history);
    }
}
