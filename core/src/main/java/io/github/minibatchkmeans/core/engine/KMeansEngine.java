package io.github.minibatchkmeans.core.engine;

import io.github.minibatchkmeans.core.engine.ProgressEvent.Stage;
import io.github.minibatchkmeans.core.init.InitContext;
import io.github.minibatchkmeans.core.kernel.CentroidTable;
import io.github.minibatchkmeans.core.model.KMeansModel;
import io.github.minibatchkmeans.core.pass.PassRunner;
import io.github.minibatchkmeans.core.source.BatchSource;
import io.github.minibatchkmeans.core.source.InvalidInputException;
import io.github.minibatchkmeans.core.stats.DataSummary;
import io.github.minibatchkmeans.core.stats.Sample;
import io.github.minibatchkmeans.core.stats.SummaryTask;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * k-means over a {@link BatchSource} that need not fit in memory.
 *
 * <p>A fit is a sequence of passes. The <em>statistics pass</em> counts rows and total weight,
 * computes weighted feature means and variances (the scale of the tolerance) and keeps a uniform
 * sample. The initializer chooses starting centroids (on the sample, or with a few passes of its
 * own); with {@code nInit > 1} several are drawn and the one with the lowest inertia on the sample
 * wins. Then each EXACT iteration is one pass folding every batch into per-centroid sums and
 * weights ({@link io.github.minibatchkmeans.core.stats.ClusterStatistics}) before dividing — exactly
 * Lloyd's update.
 *
 * <p>Passes run in parallel over fixed blocks of rows and merge in block order, so the same data
 * and seed give bit-identical centroids for every thread count and batch size.
 */
public final class KMeansEngine {
    private KMeansEngine() {
    }

    public static KMeansModel fit(BatchSource source, KMeansConfig config) throws IOException {
        return fit(source, config, ProgressListener.NONE);
    }

    public static KMeansModel fit(BatchSource source, KMeansConfig config, ProgressListener listener) throws IOException {
        try (PassRunner passes = new PassRunner(config.threads(), config.batchSize())) {
            DataSummary summary = summarize(source, config.sampleSize(), config.seed(), passes, listener);
            checkFeasible(source, config, summary);
            InitContext context = new InitContext(source, summary, passes, listener);
            double[][] centers = initialCenters(config, context);
            FitContext fit = new FitContext(source, config, summary, passes, listener);
            KMeansModel model = config.mode() == Mode.STOCHASTIC
                    ? new StochasticFit(fit).fit(centers)
                    : new ExactLloyd(fit).fit(centers);
            return model.withInitialCentroids(centers);
        }
    }

    /** The statistics pass. */
    public static DataSummary summarize(BatchSource source, int sampleSize, long seed, PassRunner passes,
                                        ProgressListener listener) throws IOException {
        SummaryTask task = new SummaryTask(source.dimensions(), sampleSize, seed);
        DataSummary summary = passes.run(source, task,
                rows -> listener.onProgress(new ProgressEvent(Stage.SUMMARY, 1, rows, -1, Double.NaN, false))).toSummary();
        listener.onProgress(new ProgressEvent(Stage.SUMMARY, 1, summary.rows(), summary.rows(), Double.NaN, true));
        return summary;
    }

    private static void checkFeasible(BatchSource source, KMeansConfig config, DataSummary summary) {
        if (summary.rows() == 0) {
            throw new InvalidInputException(source.name() + ": empty input (no data rows)");
        }
        if (summary.totalWeight() == 0) {
            throw new InvalidInputException(source.name() + ": total weight is zero");
        }
        if (config.k() > summary.positiveRows()) {
            throw new InvalidInputException("k = " + config.k() + " is larger than the number of rows"
                    + (summary.positiveRows() < summary.rows() ? " with positive weight" : "")
                    + " (" + summary.positiveRows() + ") in " + source.name());
        }
    }

    /** Runs the initializer {@code nInit} times and keeps the centers with the lowest sample inertia. */
    static double[][] initialCenters(KMeansConfig config, InitContext context) throws IOException {
        SplittableRandom master = new SplittableRandom(config.seed());
        int restarts = config.effectiveNInit();
        double[][] best = null;
        double bestInertia = Double.POSITIVE_INFINITY;
        for (int r = 0; r < restarts; r++) {
            double[][] centers = config.initializer().initialCenters(context, config.k(), master.split());
            double inertia = restarts == 1 ? 0 : sampleInertia(context.summary().sample(), centers);
            if (best == null || inertia < bestInertia) {
                best = centers;
                bestInertia = inertia;
            }
        }
        return best;
    }

    static double sampleInertia(Sample sample, double[][] centers) {
        CentroidTable table = new CentroidTable(centers);
        double[] scratch = table.newScratch();
        double inertia = 0;
        for (int i = 0; i < sample.size(); i++) {
            int offset = i * sample.dims();
            inertia += sample.weights()[i] * table.distance(sample.data(), offset, table.nearest(sample.data(), offset, scratch));
        }
        return inertia;
    }

    /**
     * Streams {@code source} through {@code model}, giving each row's label and squared distance to
     * {@code sink} in input order.
     */
    public static void assign(KMeansModel model, BatchSource source, int threads, int batchSize, AssignmentSink sink)
            throws IOException {
        streamThrough(model, source, threads, batchSize, AssignTask.nearest(model.table(), sink));
    }

    /**
     * Streams {@code source} through {@code model}, giving each row's label and Euclidean distances to
     * every centroid to {@code sink} in input order.
     */
    public static void transform(KMeansModel model, BatchSource source, int threads, int batchSize, DistancesSink sink)
            throws IOException {
        streamThrough(model, source, threads, batchSize, AssignTask.allDistances(model.table(), sink));
    }

    private static void streamThrough(KMeansModel model, BatchSource source, int threads, int batchSize, AssignTask task)
            throws IOException {
        if (source.dimensions() != model.dimensions()) {
            throw new InvalidInputException(source.name() + " has " + source.dimensions()
                    + " columns, the model has " + model.dimensions() + " dimensions");
        }
        try (PassRunner passes = new PassRunner(threads, batchSize)) {
            passes.run(source, task, null);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
