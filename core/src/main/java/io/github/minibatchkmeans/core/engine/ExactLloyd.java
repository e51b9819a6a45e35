package io.github.minibatchkmeans.core.engine;

import io.github.minibatchkmeans.core.engine.ProgressEvent.Stage;
import io.github.minibatchkmeans.core.model.IterationRecord;
import io.github.minibatchkmeans.core.model.KMeansModel;
import io.github.minibatchkmeans.core.pass.PassRunner;
import io.github.minibatchkmeans.core.source.BatchSource;
import io.github.minibatchkmeans.core.stats.ClusterStatistics;
import io.github.minibatchkmeans.core.stats.DataSummary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * EXACT mode: each iteration is one full pass that folds every batch into per-centroid sums and
 * weights, then divides — the same centroids in-memory Lloyd computes from the same start.
 * Convergence follows scikit-learn: stop when no centroid moved, or when the total squared shift
 * is at most {@code tol} × the mean feature variance; then, unless the last pass already used the
 * returned centroids, one more pass gives their labels' sizes and inertia.
 */
final class ExactLloyd {
    private final BatchSource source;
    private final KMeansConfig config;
    private final DataSummary summary;
    private final PassRunner passes;
    private final ProgressListener listener;

    ExactLloyd(BatchSource source, KMeansConfig config, DataSummary summary, PassRunner passes, ProgressListener listener) {
        this.source = source;
        this.config = config;
        this.summary = summary;
        this.passes = passes;
        this.listener = listener;
    }

    KMeansModel fit(double[][] initialCenters) throws IOException {
        double threshold = config.tolerance() * summary.meanVariance();
        int k = config.k();
        double[][] centers = initialCenters;
        List<IterationRecord> history = new ArrayList<>();
        ClusterStatistics ofReturnedCenters = null;
        boolean converged = false;
        int iterations = 0;
        while (iterations < config.maxIterations()) {
            iterations++;
            ClusterStatistics stats = pass(Stage.ITERATION, iterations, centers, k - 1);
            stats.relocateEmptyClusters();
            double[][] next = stats.means(centers);
            double shift = squaredShift(centers, next);
            history.add(new IterationRecord(stats.inertia(), shift));
            centers = next;
            if (shift == 0) { // no centroid moved: this pass's labels and inertia are final
                converged = true;
                ofReturnedCenters = stats;
                break;
            }
            if (shift <= threshold) {
                converged = true;
                break;
            }
        }
        if (ofReturnedCenters == null) {
            ofReturnedCenters = pass(Stage.FINAL, 1, centers, 0);
        }
        return new KMeansModel(Mode.EXACT, centers, ofReturnedCenters.weights(), ofReturnedCenters.inertia(),
                iterations, converged, history);
    }

    private ClusterStatistics pass(Stage stage, int number, double[][] centers, int farthest) throws IOException {
        ClusterStatistics stats = LloydTask.pass(passes, source, centers, farthest,
                rows -> listener.onProgress(new ProgressEvent(stage, number, rows, summary.rows(), Double.NaN, false)));
        listener.onProgress(new ProgressEvent(stage, number, summary.rows(), summary.rows(), stats.inertia(), true));
        return stats;
    }

    static double squaredShift(double[][] from, double[][] to) {
        double shift = 0;
        for (int c = 0; c < from.length; c++) {
            for (int j = 0; j < from[c].length; j++) {
                double diff = to[c][j] - from[c][j];
                shift += diff * diff;
            }
        }
        return shift;
    }
}
