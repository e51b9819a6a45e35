package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.KMeansConfig.Pruning;
import io.github.minibatchkmeans.core.ProgressEvent.Stage;
import io.github.minibatchkmeans.core.internal.assign.FarthestTask;
import io.github.minibatchkmeans.core.internal.prune.BoundedLloyd;
import io.github.minibatchkmeans.core.internal.prune.BoundedLloyd.Outcome;
import io.github.minibatchkmeans.core.internal.prune.BoundedLloyd.Variant;
import io.github.minibatchkmeans.core.internal.stats.ClusterStatistics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * EXACT mode: each iteration is one full pass that folds every batch into per-centroid sums and
 * weights, then divides — the same centroids in-memory Lloyd computes from the same start. With
 * pruning ({@link Pruning}) the passes skip the distances, and the blocks, that bounds prove
 * unchanged, with the same labels at every iteration. Convergence follows scikit-learn: stop when
 * no centroid moved, or when the total squared shift is at most {@code tol} × the mean feature
 * variance; then, unless the last pass already used the returned centroids, one more pass gives
 * their labels' sizes and inertia.
 */
final class ExactLloyd {
    /**
     * Elkan's k bounds per row cost O(k) bookkeeping per row and pass; they pay off only when one
     * distance costs more than that, in wide rows. Measured (one thread, same start): 70,000 × 784
     * image rows, Elkan 1.7 s and Hamerly 1.9 s at k = 10, 7.1 s and 8.1 s at k = 64; 1,000,000 × 16
     * rows at k = 50, Elkan 3.4 s and Hamerly 1.2 s.
     */
    static final int ELKAN_FROM_DIMS = 64;

    private final Fit context;
    private final BoundedLloyd bounded;

    ExactLloyd(Fit context) {
        this.context = context;
        Variant variant = variant(context.config(), context.summary().rows(), context.dimensions());
        this.bounded = variant == null ? null : new BoundedLloyd(context.source(), context.passes(), context.summary().rows(),
                context.summary().mean(), context.config().k(), variant, context.scratchBudgetBytes());
    }

    /**
     * The pruning to use: as asked, or for AUTO Elkan's for rows of at least {@link #ELKAN_FROM_DIMS}
     * features when its k bounds per row fit the heap budget, else Hamerly's (which spill to a
     * scratch file if they must).
     */
    static Variant variant(KMeansConfig config, long rows, int dims) {
        return switch (config.pruning()) {
            case OFF -> null;
            case HAMERLY -> Variant.HAMERLY;
            case ELKAN -> Variant.ELKAN;
            case AUTO -> dims >= ELKAN_FROM_DIMS
                    && BoundedLloyd.bytesPerRow(Variant.ELKAN, config.k()) * rows <= config.heapBudgetBytes()
                    ? Variant.ELKAN : Variant.HAMERLY;
        };
    }

    /** Iterates from {@code initialCenters}; {@code labelsOut}, when given, receives the final labels. */
    KMeansModel fit(double[][] initialCenters, int[] labelsOut) throws IOException {
        try {
            return iterate(initialCenters, labelsOut);
        } finally {
            if (bounded != null) {
                bounded.close();
            }
        }
    }

    private KMeansModel iterate(double[][] initialCenters, int[] labelsOut) throws IOException {
        KMeansConfig config = context.config();
        double threshold = config.tolerance() * context.summary().meanVariance();
        double[][] centers = initialCenters;
        List<IterationRecord> history = new ArrayList<>();
        Outcome ofReturnedCenters = null;
        boolean converged = false;
        int iterations = 0;
        while (iterations < config.maxIterations()) {
            iterations++;
            Outcome pass = pass(Stage.ITERATION, iterations, centers, labelsOut);
            double[][] next = pass.means();
            double shift = squaredShift(centers, next);
            history.add(new IterationRecord(pass.inertia(), shift, pass.rowsSettled(), pass.blocksUnread()));
            centers = next;
            if (shift == 0) { // no centroid moved: this pass's labels and inertia are final
                converged = true;
                ofReturnedCenters = pass;
                break;
            }
            if (shift <= threshold) {
                converged = true;
                break;
            }
        }
        if (ofReturnedCenters == null) {
            ofReturnedCenters = pass(Stage.FINAL, 1, centers, labelsOut);
        }
        if (bounded != null && labelsOut != null) {
            bounded.labels(labelsOut);
        }
        return KMeansModel.builder(centers).mode(Mode.EXACT).sizes(ofReturnedCenters.weights())
                .inertia(ofReturnedCenters.inertia()).iterations(iterations).converged(converged).history(history).build();
    }

    /** One assignment pass of {@code centers}, with empty clusters relocated, reported as pass {@code number} of {@code stage}. */
    private Outcome pass(Stage stage, int number, double[][] centers, int[] labelsOut) throws IOException {
        long rows = context.summary().rows();
        ProgressListener listener = context.listener();
        Outcome outcome;
        if (bounded != null) {
            outcome = bounded.pass(centers,
                    done -> listener.onProgress(new ProgressEvent(stage, number, done, rows, Double.NaN, false)));
        } else {
            ClusterStatistics stats = context.lloydPass(stage, number, centers, labelsOut);
            double inertia = stats.inertia();
            if (stats.anyEmpty()) { // rare: one more pass finds the far points scikit-learn relocates to
                stats.relocateEmptyClusters(FarthestTask.find(context.passes(), context.source(), context.kernel(centers),
                        stats.emptyCount() + centers.length));
            }
            outcome = new Outcome(stats.means(centers), stats.weights(), inertia, 0, 0);
        }
        listener.onProgress(new ProgressEvent(stage, number, rows, rows, outcome.inertia(), true, outcome.rowsSettled(),
                outcome.blocksUnread()));
        return outcome;
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
