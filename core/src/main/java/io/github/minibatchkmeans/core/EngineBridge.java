package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.internal.engine.FitResult;
import io.github.minibatchkmeans.core.internal.metric.Geometry;
import io.github.minibatchkmeans.core.internal.engine.Progress;
import io.github.minibatchkmeans.core.internal.engine.SettingRejected;
import io.github.minibatchkmeans.core.internal.metric.NominalModes;
import io.github.minibatchkmeans.core.internal.engine.Settings;
import io.github.minibatchkmeans.core.internal.engine.SweepRun;
import io.github.minibatchkmeans.core.internal.stats.ClusterScores;
import io.github.minibatchkmeans.core.internal.stats.ClusterSpread;
import java.util.ArrayList;
import java.util.List;

/**
 * The border between the public API and the engine, crossed in one place: a configuration becomes
 * the engine's {@link Settings}, the engine's reports become {@link ProgressEvent}s, its results
 * become {@link KMeansModel}s and its late refusals {@link InvalidConfigException}s. The engine
 * knows nothing of the API.
 */
final class EngineBridge {
    private EngineBridge() {
    }

    static Settings settings(KMeansConfig c) {
        return new Settings(c.k(), c.initializer(), c.maxIterations(), c.tolerance(), c.batchSize(), c.threads(), c.seed(),
                c.sampleSize(), c.sampleSizeAutomatic(), c.nInit(), Settings.Bounds.valueOf(c.pruning().name()), c.heapBudgetBytes(), c.reassignmentRatio(),
                c.maxNoImprovement(), c.shuffleWindow(), c.metric().geometry(),
                c.nominal() == Nominal.MODE && c.metric() == Metric.EUCLIDEAN
                        ? new NominalModes(c.nominalColumns(), c.nominalValue()) : NominalModes.NONE,
                c.metric() == Metric.EUCLIDEAN ? Settings.Missing.valueOf(c.missing().name()) : Settings.Missing.ERROR);
    }

    static Progress progress(ProgressListener listener) {
        if (listener == ProgressListener.NONE) {
            return Progress.NONE;
        }
        return (stage, pass, rowsDone, totalRows, inertia, finished, pruned, unread, starts) -> listener.onProgress(
                new ProgressEvent(ProgressEvent.Stage.valueOf(stage.name()), pass, rowsDone, totalRows, inertia, finished, pruned,
                        unread, starts));
    }

    /** The model of {@code result}: its inertias as the metric reports them. */
    static KMeansModel model(FitResult result, Mode mode, Metric metric) {
        Geometry geometry = metric.geometry();
        List<IterationRecord> history = result.history().stream()
                .map(i -> new IterationRecord(geometry.reported(i.inertia()), i.shift(), i.rowsPruned(), i.blocksUnread())).toList();
        return KMeansModel.builder(result.centroids()).mode(mode).metric(metric).sizes(result.sizes())
                .inertia(geometry.reported(result.inertia()))
                .iterations(result.iterations()).converged(result.converged()).history(history)
                .initialCentroids(result.initialCentroids()).build();
    }

    /** {@code model} saying what its fit met of missing values: how many, and whether they were left out. */
    static KMeansModel withMissing(KMeansModel model, long count, MissingValues policy) {
        return count == 0 && policy != MissingValues.IGNORE ? model : model.toBuilder().missingValues(count).missing(policy).build();
    }

    /** The public view of a sweep over k: each k's model and scores (inertias as the metric reports them). */
    static KSweep sweep(SweepRun.Result result, KMeansConfig config, int dims) {
        Metric metric = config.metric();
        List<KScore> scores = new ArrayList<>();
        List<KMeansModel> models = new ArrayList<>();
        for (int i = 0; i < result.ks().length; i++) {
            FitResult fit = result.fits().get(i);
            ClusterSpread spread = result.spreads().get(i);
            double[][] centers = fit.centroids();
            models.add(withMissing(model(fit, Mode.EXACT, metric), result.summary().missingValues(), config.missing()));
            scores.add(new KScore(result.ks()[i], metric.geometry().reported(fit.inertia()),
                    ClusterScores.calinskiHarabasz(spread, centers, result.summary()), ClusterScores.daviesBouldin(spread, centers),
                    ClusterScores.bic(spread, dims, result.summary()), result.silhouettes()[i], fit.iterations(), fit.converged()));
        }
        return new KSweep(scores, models, result.silhouetteRows());
    }

    /** A setting the engine found unworkable once it saw the data, as the error of that knob. */
    static InvalidConfigException rejected(SettingRejected e) {
        return new InvalidConfigException(Parameters.named(e.parameter()), e.reason());
    }
}
