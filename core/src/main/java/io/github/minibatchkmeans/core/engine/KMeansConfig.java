package io.github.minibatchkmeans.core.engine;

import io.github.minibatchkmeans.core.init.Initializer;
import io.github.minibatchkmeans.core.init.Initializers;

/**
 * Everything a fit needs besides the data. Immutable; validated once, in the builder, with
 * messages that name the bad field.
 *
 * @param k                  number of clusters
 * @param mode               {@link Mode#EXACT} (default) or {@link Mode#STOCHASTIC}
 * @param initializer        how to choose the starting centroids (default greedy k-means++)
 * @param maxIterations      EXACT: passes; STOCHASTIC: epochs over the stream (default 300)
 * @param tolerance          convergence threshold relative to the mean feature variance
 *                           (default 1e-4 for EXACT, 0 = off for STOCHASTIC)
 * @param batchSize          rows per batch: the I/O unit in EXACT mode, the update unit in STOCHASTIC
 * @param threads            worker threads (default: all processors)
 * @param seed               seed for every random choice
 * @param sampleSize         rows kept in the in-memory sample used for seeding and restarts
 * @param reassignmentRatio  STOCHASTIC: reassign centroids whose weight falls below this share of the largest
 * @param maxNoImprovement   STOCHASTIC: stop after this many batches without a smoothed-inertia improvement (0 = off)
 * @param nInit              number of initializations to score on the sample (0 = automatic)
 * @param shuffleWindow      STOCHASTIC: rows of the window each epoch is shuffled through; 0 keeps stream
 *                           order, {@link #AUTO_SHUFFLE_WINDOW} (default) uses up to 2^16 rows or 16 MB
 */
public record KMeansConfig(int k, Mode mode, Initializer initializer, int maxIterations, double tolerance,
                           int batchSize, int threads, long seed, int sampleSize, double reassignmentRatio,
                           int maxNoImprovement, int nInit, int shuffleWindow) {

    public static final int DEFAULT_MAX_ITERATIONS = 300;
    public static final double DEFAULT_TOLERANCE = 1e-4;
    public static final int DEFAULT_BATCH_SIZE = 4096;
    public static final double DEFAULT_REASSIGNMENT_RATIO = 0.01;
    public static final int DEFAULT_MAX_NO_IMPROVEMENT = 10;
    /** Shuffle window chosen from the data's width: up to 2^16 rows, at most 16 MB, at least one batch. */
    public static final int AUTO_SHUFFLE_WINDOW = -1;

    public KMeansConfig {
        require(k >= 1, "k", "must be >= 1, got " + k);
        require(mode != null, "mode", "must be set");
        require(initializer != null, "initializer", "must be set");
        require(maxIterations >= 1, "maxIterations", "must be >= 1, got " + maxIterations);
        require(tolerance >= 0 && Double.isFinite(tolerance), "tolerance", "must be a finite number >= 0, got " + tolerance);
        require(batchSize >= 1, "batchSize", "must be >= 1, got " + batchSize);
        require(threads >= 1, "threads", "must be >= 1, got " + threads);
        require(sampleSize >= 1, "sampleSize", "must be >= 1, got " + sampleSize);
        require(reassignmentRatio >= 0 && reassignmentRatio <= 1, "reassignmentRatio",
                "must be between 0 and 1, got " + reassignmentRatio);
        require(maxNoImprovement >= 0, "maxNoImprovement", "must be >= 0, got " + maxNoImprovement);
        require(nInit >= 0, "nInit", "must be >= 0 (0 = automatic), got " + nInit);
        require(shuffleWindow >= AUTO_SHUFFLE_WINDOW, "shuffleWindow",
                "must be >= 0 (0 = stream order) or AUTO_SHUFFLE_WINDOW, got " + shuffleWindow);
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new IllegalArgumentException(field + " " + message);
        }
    }

    public static Builder builder(int k) {
        return new Builder(k);
    }

    /** The number of initializations actually tried: {@link #nInit}, or 3 for random and 1 otherwise. */
    public int effectiveNInit() {
        return nInit > 0 ? nInit : initializer.defaultRestarts();
    }

    /** The shuffle window in rows for data with {@code dims} columns (0 = no shuffling). */
    public int shuffleWindowRows(int dims) {
        if (shuffleWindow != AUTO_SHUFFLE_WINDOW) {
            return shuffleWindow;
        }
        return Math.max(batchSize, Math.min(1 << 16, (2 << 20) / dims));
    }

    public Builder toBuilder() {
        Builder b = new Builder(k);
        b.mode = mode;
        b.initializer = initializer;
        b.maxIterations = maxIterations;
        b.tolerance = tolerance;
        b.batchSize = batchSize;
        b.threads = threads;
        b.seed = seed;
        b.sampleSize = sampleSize;
        b.reassignmentRatio = reassignmentRatio;
        b.maxNoImprovement = maxNoImprovement;
        b.nInit = nInit;
        b.shuffleWindow = shuffleWindow;
        return b;
    }

    /** Builds a {@link KMeansConfig}; unset fields take the documented defaults. */
    public static final class Builder {
        private final int k;
        private Mode mode = Mode.EXACT;
        private Initializer initializer = Initializers.kMeansPlusPlus();
        private int maxIterations = DEFAULT_MAX_ITERATIONS;
        private Double tolerance;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int threads = Runtime.getRuntime().availableProcessors();
        private long seed;
        private Integer sampleSize;
        private double reassignmentRatio = DEFAULT_REASSIGNMENT_RATIO;
        private int maxNoImprovement = DEFAULT_MAX_NO_IMPROVEMENT;
        private int nInit;
        private Integer shuffleWindow;

        private Builder(int k) {
            this.k = k;
        }

        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        public Builder initializer(Initializer initializer) {
            this.initializer = initializer;
            return this;
        }

        public Builder maxIterations(int maxIterations) {
            this.maxIterations = maxIterations;
            return this;
        }

        public Builder tolerance(double tolerance) {
            this.tolerance = tolerance;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder sampleSize(int sampleSize) {
            this.sampleSize = sampleSize;
            return this;
        }

        public Builder reassignmentRatio(double reassignmentRatio) {
            this.reassignmentRatio = reassignmentRatio;
            return this;
        }

        public Builder maxNoImprovement(int maxNoImprovement) {
            this.maxNoImprovement = maxNoImprovement;
            return this;
        }

        public Builder nInit(int nInit) {
            this.nInit = nInit;
            return this;
        }

        public Builder shuffleWindow(int shuffleWindow) {
            this.shuffleWindow = shuffleWindow;
            return this;
        }

        public KMeansConfig build() {
            double tol = tolerance != null ? tolerance : mode == Mode.EXACT ? DEFAULT_TOLERANCE : 0.0;
            // Large enough for k-means++ to see every cluster many times, small enough to stay O(k·d).
            int sample = sampleSize != null ? sampleSize : Math.max(10_000, 20 * k);
            return new KMeansConfig(k, mode, initializer, maxIterations, tol, batchSize, threads, seed, sample,
                    reassignmentRatio, maxNoImprovement, nInit, shuffleWindow != null ? shuffleWindow : AUTO_SHUFFLE_WINDOW);
        }
    }
}
