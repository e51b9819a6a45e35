package io.github.minibatchkmeans.core.engine;

import io.github.minibatchkmeans.core.engine.ProgressEvent.Stage;
import io.github.minibatchkmeans.core.model.IterationRecord;
import io.github.minibatchkmeans.core.model.KMeansModel;
import io.github.minibatchkmeans.core.stats.ClusterStatistics;
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
    private final FitContext context;

    ExactLloyd(FitContext context) {
        this.context = context;
    }

    KMeansModel fit(double[][] initialCenters) throws IOException {
        KMeansConfig config = context.config();
        double threshold = config.tolerance() * context.summary().meanVariance();
        int k = config.k();
        double[][] centers = initialCenters;
        List<IterationRecord> history = new ArrayList<>();
        ClusterStatistics ofReturnedCenters = null;
        boolean converged = false;
        int iterations = 0;
        while (iterations < config.maxIterations()) {
            iterations++;
            ClusterStatistics stats = context.lloydPass(Stage.ITERATION, iterations, centers, k - 1);
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
            ofReturnedCenters = context.lloydPass(Stage.FINAL, 1, centers, 0);
        }
        return new KMeansModel(Mode.EXACT, centers, ofReturnedCenters.weights(), ofReturnedCenters.inertia(),
                iterations, converged, history);
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
