package io.github.minibatchkmeans.spark;

import io.github.minibatchkmeans.core.ArraySource;
import io.github.minibatchkmeans.core.Initializers;
import io.github.minibatchkmeans.core.IterationRecord;
import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.Mode;
import io.github.minibatchkmeans.core.PassStatistics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fit itself, on the driver: seeding, then EXACT Lloyd iterations (one pass each: the new
 * centroids are the merged sums divided by the merged weights) or STOCHASTIC steps (each one pass
 * over a Bernoulli sample, moved by the core's online update), then one pass for the returned
 * centroids' sizes and cost. The driver holds centers and statistics — O(k·d) — never rows.
 */
final class DistributedFit {
    /** Rows the k-means++ seeding draws from, per cluster: enough for its D² sampling to see every cluster. */
    static final int SEED_SAMPLE_PER_CLUSTER = 100;
    /** Lloyd iterations on the weighted k-means|| candidates, as Spark ML's local k-means runs. */
    private static final int CANDIDATE_ITERATIONS = 30;

    /** What a fit is asked to do; validated by the estimator's params. */
    record Settings(int k, int maxIter, double tol, long seed, String initMode, int initSteps, double[][] initialCenters,
                    Mode mode, double batchFraction, double reassignmentRatio) {
    }

    private final Passes passes;
    private final Settings settings;

    DistributedFit(Passes passes, Settings settings) {
        this.passes = passes;
        this.settings = settings;
    }

    KMeansModel run() {
        double[][] start = seed();
        return settings.mode() == Mode.STOCHASTIC ? stochastic(start) : exact(start);
    }

    private KMeansModel exact(double[][] start) {
        double[][] centers = start;
        List<IterationRecord> history = new ArrayList<>();
        PassStatistics last = null;
        boolean converged = false;
        int iterations = 0;
        while (iterations < settings.maxIter() && !converged) {
            PassStatistics pass = passes.run(centers, PassStatistics::of);
            int empty = pass.emptyClusters();
            if (empty > 0) { // scikit-learn's rule, as the core's: one more pass finds the farthest rows to move onto
                double[][] current = centers;
                pass.relocateEmptyClusters(passes.run(current, (c, o) -> PassStatistics.withFarthest(c, o, empty + c.length)));
            }
            double[][] next = pass.means();
            iterations++;
            converged = record(history, pass.inertia(), centers, next);
            // unmoved centroids: this pass already measured the returned ones
            last = Arrays.deepEquals(centers, next) ? pass : null;
            centers = next;
        }
        return model(Mode.EXACT, start, centers, last, history, iterations, converged);
    }

    private KMeansModel stochastic(double[][] start) {
        KMeansConfig config = KMeansConfig.builder(settings.k()).mode(Mode.STOCHASTIC).seed(settings.seed()).threads(1)
                .stochastic(KMeansConfig.Stochastic.defaults().withReassignmentRatio(settings.reassignmentRatio())).build();
        double[][] centers = start;
        List<IterationRecord> history = new ArrayList<>();
        boolean converged = false;
        int steps = 0;
        try (var online = new io.github.minibatchkmeans.core.MiniBatchKMeans(config)) {
            while (steps < settings.maxIter() && !converged) {
                steps++;
                long stepSeed = settings.seed() + steps;
                PassStatistics batch = passes.run(centers, (c, o) -> PassStatistics.withSample(c, o, c.length, stepSeed),
                        settings.batchFraction(), stepSeed);
                if (batch.rows() == 0) {
                    continue;
                }
                double[][] next = online.partialFit(batch).model().centroids();
                converged = record(history, batch.inertia(), centers, next);
                centers = next;
            }
        }
        return model(Mode.STOCHASTIC, start, centers, null, history, steps, converged);
    }

    private KMeansModel model(Mode mode, double[][] start, double[][] centers, PassStatistics measured,
                              List<IterationRecord> history, int iterations, boolean converged) {
        PassStatistics last = measured != null ? measured : passes.run(centers, PassStatistics::of);
        return KMeansModel.builder(centers).mode(mode).sizes(last.weights()).inertia(last.inertia()).iterations(iterations)
                .converged(converged).history(history).initialCentroids(start).build();
    }

    /** The initial centers: given, or drawn by the init mode. */
    private double[][] seed() {
        int k = settings.k();
        if (settings.initialCenters() != null) {
            return settings.initialCenters();
        }
        long seed = settings.seed();
        double[][] anywhere = {passes.origin()};
        return switch (settings.initMode()) {
            case MiniBatchKMeans.RANDOM -> passes.run(anywhere, (c, o) -> PassStatistics.withSample(c, o, k, seed)).keptRows();
            case MiniBatchKMeans.K_MEANS_PLUS_PLUS -> {
                PassStatistics sample = passes.run(anywhere, (c, o) -> PassStatistics.withSample(c, o, SEED_SAMPLE_PER_CLUSTER * k, seed));
                yield local(sample.keptRows(), sample.keptWeights(), 0);
            }
            default -> kMeansParallel();
        };
    }

    /**
     * k-means|| (Bahmani et al. 2012) in {@code initSteps} rounds: each draws 2k new candidates
     * with probability ∝ w·D² to the candidates so far, in one pass; one more pass weighs every
     * candidate by the rows nearest to it; weighted k-means++ and Lloyd on the driver pick k.
     */
    private double[][] kMeansParallel() {
        int k = settings.k();
        long seed = settings.seed();
        List<double[]> candidates = new ArrayList<>(List.of(
                passes.run(new double[][] {passes.origin()}, (c, o) -> PassStatistics.withSample(c, o, 1, seed)).keptRows()));
        for (int round = 1; round <= settings.initSteps(); round++) {
            long roundSeed = seed + round;
            double[][] drawn = passes.run(candidates.toArray(double[][]::new),
                    (c, o) -> PassStatistics.withDistanceSample(c, o, 2 * k, roundSeed)).keptRows();
            candidates.addAll(List.of(drawn));
        }
        double[][] all = candidates.toArray(double[][]::new);
        if (all.length < k) { // every other row lies on a candidate
            throw new IllegalArgumentException("MiniBatchKMeans: the data have fewer than k = " + k
                    + " distinct rows; k-means|| found " + all.length);
        }
        if (all.length == k) {
            return all;
        }
        return local(all, passes.run(all, PassStatistics::of).weights(), CANDIDATE_ITERATIONS);
    }

    /** Weighted k-means++ on in-driver rows, then {@code iterations} Lloyd iterations (0: none). */
    private double[][] local(double[][] rows, double[] weights, int iterations) {
        KMeansConfig config = KMeansConfig.builder(settings.k()).initializer(Initializers.kMeansPlusPlus())
                .seed(settings.seed()).threads(1).maxIterations(Math.max(1, iterations)).build();
        var estimator = new io.github.minibatchkmeans.core.MiniBatchKMeans(config);
        try {
            return iterations == 0 ? estimator.initialCenters(ArraySource.of(rows, weights))
                    : estimator.fit(rows, weights).centroids();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory rows: no I/O happens
        }
    }

    /** How far each centroid moved, squared. */
    private static double[] squaredMoves(double[][] from, double[][] to) {
        double[] moves = new double[from.length];
        for (int c = 0; c < from.length; c++) {
            for (int j = 0; j < from[c].length; j++) {
                double diff = to[c][j] - from[c][j];
                moves[c] += diff * diff;
            }
        }
        return moves;
    }

    /** The iteration's record, and Spark ML's convergence test: every centroid moved at most {@code tol}. */
    private boolean record(List<IterationRecord> history, double inertia, double[][] from, double[][] to) {
        double[] moves = squaredMoves(from, to);
        history.add(new IterationRecord(inertia, Arrays.stream(moves).sum()));
        return Arrays.stream(moves).max().orElse(0) <= settings.tol() * settings.tol();
    }
}
