package io.github.minibatchkmeans.core.internal.engine;

import io.github.minibatchkmeans.core.internal.rows.Rows;
import io.github.minibatchkmeans.core.internal.stats.PassOutcome;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * STOCHASTIC mode (Sculley 2010, in scikit-learn's form): epochs of {@link OnlineLearner} steps —
 * over the batches of the stream where the rows are local, over Bernoulli samples of about a batch
 * each where an engine holds them ({@link DataPasses#epoch}) — until {@link MiniBatchConvergence}
 * says stop or {@code maxIterations} epochs have run; then one pass measures the inertia and sizes
 * of the returned centers.
 */
public final class StochasticLoop {
    private final FitContext fit;

    StochasticLoop(FitContext fit) {
        this.fit = fit;
    }

    FitResult run(double[][] start, int[] labelsOut) throws IOException {
        Settings settings = fit.settings();
        DataPasses passes = fit.passes();
        long rows = fit.summary().rows();
        if (passes instanceof LocalPasses local) {
            int fits = local.batchRowsThatFit();
            if (fits < Math.min(settings.batchSize(), rows)) { // stochastic batches are the update unit: never shrunk silently
                throw new SettingRejected("batchSize", settings.batchSize() + " rows of " + passes.dimensions()
                        + " columns do not fit the heap (" + (Runtime.getRuntime().maxMemory() >> 20) + " MB); at most " + fits + " do");
            }
        }
        OnlineLearner learner = new OnlineLearner(settings, passes.dimensions(), start, null);
        MiniBatchConvergence convergence = new MiniBatchConvergence(settings.batchSize(), rows, settings.maxNoImprovement(),
                settings.tolerance() * fit.summary().meanVariance());
        Steps steps = new Steps(learner, convergence, settings.tolerance() > 0);
        List<Iteration> history = new ArrayList<>();
        int epochs = 0;
        while (epochs < settings.maxIterations() && !steps.stopped) {
            epochs++;
            double[][] atStart = learner.centers();
            steps.epochInertia = 0;
            passes.epoch(epochs, settings, steps, fit.progress());
            fit.progress().report(Stage.ITERATION, epochs, rows, rows, steps.epochInertia, true);
            history.add(new Iteration(steps.epochInertia, Matrices.squaredShift(atStart, learner.centers())));
        }
        double[][] centers = learner.centers();
        PassOutcome result = passes.measure(centers, labelsOut, Stage.FINAL, fit.progress());
        return new FitResult(centers, result.weights(), result.inertia(), epochs, steps.stopped, history, start);
    }

    /**
     * STOCHASTIC mode over rows that can be read only once (standard input, a one-shot stream): one
     * epoch of online updates in stream order, the first batch initializing the centers — no
     * statistics pass, no final pass; sizes are the weights the centers absorbed.
     */
    public static FitResult onceThrough(LocalPasses passes, Settings settings, Progress progress) throws IOException {
        OnlineLearner[] learner = {null};
        long[] rowsSeen = {0};
        passes.forEachBatch(rows -> {
            if (learner[0] == null) { // the first batch initializes the centers
                learner[0] = new OnlineLearner(settings, rows.dims, null, null);
            }
            OnlineLearner.refuseMissing(rows, passes.name() + ": ");
            learner[0].partialFit(rows);
            rowsSeen[0] += rows.count();
            return true;
        }, Stage.ITERATION, progress);
        if (learner[0] == null) {
            throw new InvalidInputException(passes.name() + ": empty input (no data rows)");
        }
        FitResult result = learner[0].result();
        // the one pass, finished: its inertia is the streamed one (each batch against the centers before its step)
        progress.report(Stage.ITERATION, 1, rowsSeen[0], rowsSeen[0], result.inertia(), true);
        return result;
    }

    /** Takes each step: the learner's update, then the early-stopping verdict on the batch's inertia per row. */
    private static final class Steps implements DataPasses.Steps {
        private final OnlineLearner learner;
        private final MiniBatchConvergence convergence;
        private final boolean trackShift;
        boolean stopped;
        double epochInertia;

        Steps(OnlineLearner learner, MiniBatchConvergence convergence, boolean trackShift) {
            this.learner = learner;
            this.convergence = convergence;
            this.trackShift = trackShift;
        }

        @Override
        public double[][] centers() {
            return learner.centers();
        }

        @Override
        public boolean take(Rows batch) throws IOException {
            double[][] before = trackShift ? learner.centers() : null;
            return after(learner.partialFit(batch), batch.count(), before);
        }

        @Override
        public boolean take(GatheredStatistics batch) {
            double[][] before = trackShift ? learner.centers() : null;
            return after(learner.step(batch), batch.rows(), before);
        }

        private boolean after(double inertia, long rows, double[][] before) {
            epochInertia += inertia;
            double shift = trackShift ? Matrices.squaredShift(before, learner.centers()) : 0;
            stopped = convergence.update(inertia / rows, shift);
            return !stopped;
        }
    }
}
