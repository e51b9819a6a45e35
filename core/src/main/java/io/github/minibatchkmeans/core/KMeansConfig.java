package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.spi.Initializer;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Everything a fit needs besides the data. Immutable; validated once, when built, with an
 * {@link InvalidConfigException} naming the bad field. "Automatic" choices are empty
 * {@link OptionalInt}s, never magic numbers; settings that only the stochastic mode reads are
 * grouped in {@link Stochastic}.
 *
 * <pre>{@code
 * KMeansConfig config = KMeansConfig.builder(8).seed(1).build();             // exact, k-means++, all cores
 * KMeansConfig online = KMeansConfig.builder(8).mode(Mode.STOCHASTIC).batchSize(1024)
 *         .stochastic(KMeansConfig.Stochastic.defaults().withReassignmentRatio(0)).build();
 * }</pre>
 *
 * @param k             number of clusters
 * @param mode          {@link Mode#EXACT} (default), {@link Mode#STOCHASTIC} or {@link Mode#ONE_PASS}
 * @param initializer   how to choose the starting centroids (default greedy k-means++)
 * @param maxIterations EXACT: passes; STOCHASTIC: epochs over the stream; ONE_PASS: iterations on the
 *                      coreset (default 300)
 * @param tolerance     convergence threshold relative to the mean feature variance (default 1e-4 for
 *                      EXACT and ONE_PASS; 0, meaning no centre-shift test, for STOCHASTIC)
 * @param batchSize     rows per batch: the I/O unit in EXACT mode, the update unit in STOCHASTIC
 * @param threads       worker threads (default: all processors); results do not depend on it
 * @param seed          seed for every random choice
 * @param sampleSize    rows kept in the in-memory sample used for seeding
 * @param nInit         starts to try: in EXACT mode each runs to convergence, sharing one pass per
 *                      iteration, and the lowest inertia wins (scikit-learn's {@code KMeans}); in
 *                      STOCHASTIC mode the start with the lowest inertia on the sample is kept.
 *                      Empty chooses: 10 in EXACT mode on small data (rows × k × dims ≤ 2·10⁷),
 *                      else the initializer's default (3 for random, 1 for k-means++)
 * @param pruning       EXACT: which exact pruning bounds to keep (default {@link Pruning#AUTO})
 * @param heapFraction  share of the JVM's maximum heap the engine may fill with per-row state (pruning
 *                      bounds, parsed rows, rows held to spare reads); beyond it that state goes to
 *                      temporary files, or is not kept (default 0.5)
 * @param stochastic    the settings only STOCHASTIC mode and {@code partialFit} use
 */
public record KMeansConfig(int k, Mode mode, Initializer initializer, int maxIterations, double tolerance,
                           int batchSize, int threads, long seed, int sampleSize, OptionalInt nInit,
                           Pruning pruning, double heapFraction, Stochastic stochastic) {

    public static final int DEFAULT_MAX_ITERATIONS = 300;
    public static final double DEFAULT_TOLERANCE = 1e-4;
    public static final int DEFAULT_BATCH_SIZE = 4096;
    public static final double DEFAULT_HEAP_FRACTION = 0.5;

    /**
     * How EXACT mode avoids distance computations without changing any label: bounds from the
     * triangle inequality (Hamerly 2010, Elkan 2003) settle most rows after the first iterations,
     * and a block of rows whose bounds all hold is not even read.
     */
    public enum Pruning {
        /** Elkan's bounds for wide rows (64 features or more) when the memory allows, else Hamerly's. */
        AUTO,
        /** Plain Lloyd: every row scored against every centroid in every pass. */
        OFF,
        /** One lower bound per row. */
        HAMERLY,
        /** One lower bound per row and centroid. */
        ELKAN
    }

    public KMeansConfig {
        require(k >= 1, "k", "must be >= 1, got " + k);
        require(mode != null, "mode", "must be set");
        require(initializer != null, "initializer", "must be set");
        require(maxIterations >= 1, "maxIterations", "must be >= 1, got " + maxIterations);
        require(tolerance >= 0 && Double.isFinite(tolerance), "tolerance", "must be a finite number >= 0, got " + tolerance);
        require(batchSize >= 1, "batchSize", "must be >= 1, got " + batchSize);
        require(threads >= 1, "threads", "must be >= 1, got " + threads);
        require(sampleSize >= 1, "sampleSize", "must be >= 1, got " + sampleSize);
        require(nInit != null, "nInit", "must be set (empty for automatic)");
        require(nInit.isEmpty() || nInit.getAsInt() >= 1, "nInit", "must be >= 1, got " + nInit);
        require(pruning != null, "pruning", "must be set");
        require(heapFraction > 0 && heapFraction <= 1, "heapFraction", "must be in (0, 1], got " + heapFraction);
        require(stochastic != null, "stochastic", "must be set");
    }

    static void require(boolean ok, String field, String reason) {
        if (!ok) {
            throw new InvalidConfigException(field, reason);
        }
    }

    public static Builder builder(int k) {
        return new Builder(k);
    }

    /** The sample-size rule: large enough for k-means++ to see every cluster many times, small enough to stay O(k·d). */
    static int defaultSampleSize(int k) {
        return Math.max(10_000, 20 * k);
    }

    /** The bytes of heap {@link #heapFraction} allows for per-row state. */
    long heapBudgetBytes() {
        return (long) (heapFraction * Runtime.getRuntime().maxMemory());
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
        b.nInit = nInit;
        b.pruning = pruning;
        b.heapFraction = heapFraction;
        b.stochastic = stochastic;
        return b;
    }

    /**
     * The settings of the stochastic (Sculley) mode, as scikit-learn's {@code MiniBatchKMeans} names them.
     *
     * @param reassignmentRatio centres whose weight falls below this share of the heaviest move to random
     *                          batch rows (default 0.01; 0 never reassigns)
     * @param maxNoImprovement  stop after this many batches without an improvement of the smoothed batch
     *                          inertia (default 10); empty never stops early
     * @param shuffleWindow     rows of the window each epoch is shuffled through; empty chooses from the
     *                          data's width (up to 2^16 rows or 16 MB), 1 keeps stream order
     */
    public record Stochastic(double reassignmentRatio, OptionalInt maxNoImprovement, OptionalInt shuffleWindow) {
        public static final double DEFAULT_REASSIGNMENT_RATIO = 0.01;
        public static final int DEFAULT_MAX_NO_IMPROVEMENT = 10;

        public Stochastic {
            require(reassignmentRatio >= 0 && reassignmentRatio <= 1, "stochastic.reassignmentRatio",
                    "must be between 0 and 1, got " + reassignmentRatio);
            require(maxNoImprovement != null && (maxNoImprovement.isEmpty() || maxNoImprovement.getAsInt() >= 1),
                    "stochastic.maxNoImprovement", "must be >= 1 (or empty for no early stopping), got " + maxNoImprovement);
            require(shuffleWindow != null && (shuffleWindow.isEmpty() || shuffleWindow.getAsInt() >= 1),
                    "stochastic.shuffleWindow", "must be >= 1 (1 keeps stream order), got " + shuffleWindow);
        }

        /** scikit-learn's defaults, with the automatic shuffle window. */
        public static Stochastic defaults() {
            return new Stochastic(DEFAULT_REASSIGNMENT_RATIO, OptionalInt.of(DEFAULT_MAX_NO_IMPROVEMENT), OptionalInt.empty());
        }

        public Stochastic withReassignmentRatio(double ratio) {
            return new Stochastic(ratio, maxNoImprovement, shuffleWindow);
        }

        public Stochastic withMaxNoImprovement(int batches) {
            return new Stochastic(reassignmentRatio, OptionalInt.of(batches), shuffleWindow);
        }

        /** Never stop early on the smoothed inertia (scikit-learn: {@code max_no_improvement=None}). */
        public Stochastic withoutEarlyStopping() {
            return new Stochastic(reassignmentRatio, OptionalInt.empty(), shuffleWindow);
        }

        public Stochastic withShuffleWindow(int rows) {
            return new Stochastic(reassignmentRatio, maxNoImprovement, OptionalInt.of(rows));
        }

        /** The shuffle window in rows for data with {@code dims} columns and batches of {@code batchSize}. */
        int shuffleWindowRows(int dims, int batchSize) {
            if (shuffleWindow.isPresent()) {
                return shuffleWindow.getAsInt();
            }
            return Math.max(batchSize, Math.min(1 << 16, (2 << 20) / dims)); // 2^21 doubles = 16 MB
        }
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
        private OptionalInt nInit = OptionalInt.empty();
        private Pruning pruning = Pruning.AUTO;
        private double heapFraction = DEFAULT_HEAP_FRACTION;
        private Stochastic stochastic = Stochastic.defaults();

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

        /** Overrides the mode's default tolerance. */
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

        /** Try exactly {@code restarts} initializations and keep the best. */
        public Builder nInit(int restarts) {
            this.nInit = OptionalInt.of(restarts);
            return this;
        }

        /** Let the estimator choose the number of initializations (the default). */
        public Builder automaticNInit() {
            this.nInit = OptionalInt.empty();
            return this;
        }

        public Builder pruning(Pruning pruning) {
            this.pruning = pruning;
            return this;
        }

        public Builder heapFraction(double fraction) {
            this.heapFraction = fraction;
            return this;
        }

        public Builder stochastic(Stochastic settings) {
            this.stochastic = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public KMeansConfig build() {
            double tol = tolerance != null ? tolerance : mode == Mode.STOCHASTIC ? 0.0 : DEFAULT_TOLERANCE;
            int sample = sampleSize != null ? sampleSize : defaultSampleSize(k);
            return new KMeansConfig(k, mode, initializer, maxIterations, tol, batchSize, threads, seed, sample, nInit,
                    pruning, heapFraction, stochastic);
        }
    }
}
