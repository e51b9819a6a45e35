package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.ProgressEvent.Stage;
import io.github.minibatchkmeans.core.internal.stats.ClusterStatistics;
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
    private final Fit context;

    ExactLloyd(Fit context) {
        this.context = context;
    }

    /** Iterates from {@code initialCenters}; {@code labelsOut}, when given, receives the final labels. */
    KMeansModel fit(double[][] initialCenters, int[] labelsOut) throws IOException {
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
            ClusterStatistics stats = context.lloydPass(Stage.ITERATION, iterations, centers, k - 1, labelsOut);
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
            ofReturnedCenters = context.lloydPass(Stage.FINAL, 1, centers, 0, labelsOut);
        }
        return KMeansModel.builder(centers).mode(Mode.EXACT).sizes(ofReturnedCenters.weights())
                .inertia(ofReturnedCenters.inertia()).iterations(iterations).converged(converged).history(history).build();
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
