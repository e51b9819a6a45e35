package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.spi.Initializer;
import java.util.Objects;

/**
 * Everything a fit needs besides the data. Immutable, built only through {@link #builder(int)}
 * (so that a new knob never breaks a caller), and validated once, when built, against the
 * {@link Parameters parameter table}: an {@link InvalidConfigException} names the bad
 * {@link Parameter}. Every default is the table's.
 *
 * <pre>{@code
 * KMeansConfig config = KMeansConfig.builder(8).seed(1).build();             // exact, k-means++, all cores
 * KMeansConfig online = KMeansConfig.builder(8).mode(Mode.STOCHASTIC).batchSize(1024).reassignmentRatio(0).build();
 * }</pre>
 */
public final class KMeansConfig {
    private final int k;
    private final Mode mode;
    private final Initializer initializer;
    private final int maxIterations;
    private final double tolerance;
    private final int batchSize;
    private final int threads;
    private final long seed;
    private final int sampleSize;
    private final int nInit;
    private final Pruning pruning;
    private final double heapFraction;
    private final double reassignmentRatio;
    private final int maxNoImprovement;
    private final int shuffleWindow;
    private final Metric metric;

    private KMeansConfig(Builder b) {
        this.k = InvalidConfigException.check(Parameters.K, b.k);
        this.mode = InvalidConfigException.check(Parameters.MODE, b.mode);
        if (b.initializer == null) {
            throw new InvalidConfigException(Parameters.INIT, "must be set");
        }
        this.initializer = b.initializer;
        this.maxIterations = InvalidConfigException.check(Parameters.MAX_ITERATIONS, b.maxIterations);
        this.tolerance = InvalidConfigException.check(Parameters.TOLERANCE,
                b.tolerance != null ? b.tolerance : Parameters.TOLERANCE.defaultValue(mode).orElseThrow());
        this.batchSize = InvalidConfigException.check(Parameters.BATCH_SIZE, b.batchSize);
        this.threads = InvalidConfigException.check(Parameters.THREADS,
                b.threads != null ? b.threads : Runtime.getRuntime().availableProcessors());
        this.seed = b.seed;
        this.sampleSize = InvalidConfigException.check(Parameters.SAMPLE_SIZE,
                b.sampleSize != null ? b.sampleSize : Math.max(10_000, 20 * k));
        this.nInit = InvalidConfigException.check(Parameters.N_INIT, b.nInit);
        this.pruning = InvalidConfigException.check(Parameters.PRUNING, b.pruning);
        this.heapFraction = InvalidConfigException.check(Parameters.HEAP_FRACTION, b.heapFraction);
        this.reassignmentRatio = InvalidConfigException.check(Parameters.REASSIGNMENT_RATIO, b.reassignmentRatio);
        this.maxNoImprovement = InvalidConfigException.check(Parameters.MAX_NO_IMPROVEMENT, b.maxNoImprovement);
        this.shuffleWindow = InvalidConfigException.check(Parameters.SHUFFLE_WINDOW, b.shuffleWindow);
        this.metric = InvalidConfigException.check(Parameters.METRIC, b.metric);
    }

    /** A builder for {@code k} clusters; every other setting starts at the table's default. */
    public static Builder builder(int k) {
        return new Builder(k);
    }

    /** A builder holding this configuration's values, to change some of them. */
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
        b.reassignmentRatio = reassignmentRatio;
        b.maxNoImprovement = maxNoImprovement;
        b.shuffleWindow = shuffleWindow;
        b.metric = metric;
        return b;
    }

    /** {@link Parameters#K}. */
    public int k() {
        return k;
    }

    /** {@link Parameters#MODE}. */
    public Mode mode() {
        return mode;
    }

    /** {@link Parameters#INIT}: a built-in initializer or the caller's own. */
    public Initializer initializer() {
        return initializer;
    }

    /** {@link Parameters#MAX_ITERATIONS}: EXACT passes; STOCHASTIC epochs; ONE_PASS iterations on the coreset. */
    public int maxIterations() {
        return maxIterations;
    }

    /** {@link Parameters#TOLERANCE}, resolved for the mode. */
    public double tolerance() {
        return tolerance;
    }

    /** {@link Parameters#BATCH_SIZE}. */
    public int batchSize() {
        return batchSize;
    }

    /** {@link Parameters#THREADS}, resolved (all processors unless set). */
    public int threads() {
        return threads;
    }

    /** {@link Parameters#SEED}. */
    public long seed() {
        return seed;
    }

    /** {@link Parameters#SAMPLE_SIZE}, resolved for k. */
    public int sampleSize() {
        return sampleSize;
    }

    /** {@link Parameters#N_INIT}: starts to try; 0 lets the estimator choose. */
    public int nInit() {
        return nInit;
    }

    /** {@link Parameters#PRUNING}. */
    public Pruning pruning() {
        return pruning;
    }

    /** {@link Parameters#HEAP_FRACTION}. */
    public double heapFraction() {
        return heapFraction;
    }

    /** {@link Parameters#REASSIGNMENT_RATIO}. */
    public double reassignmentRatio() {
        return reassignmentRatio;
    }

    /** {@link Parameters#MAX_NO_IMPROVEMENT}: 0 never stops early. */
    public int maxNoImprovement() {
        return maxNoImprovement;
    }

    /** {@link Parameters#SHUFFLE_WINDOW}: 0 chooses from the data's width. */
    public int shuffleWindow() {
        return shuffleWindow;
    }

    /** {@link Parameters#METRIC}. */
    public Metric metric() {
        return metric;
    }

    /** The bytes of heap {@link #heapFraction()} allows for per-row state. */
    long heapBudgetBytes() {
        return (long) (heapFraction * Runtime.getRuntime().maxMemory());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KMeansConfig c && k == c.k && mode == c.mode && initializer.equals(c.initializer)
                && maxIterations == c.maxIterations && Double.compare(tolerance, c.tolerance) == 0 && batchSize == c.batchSize
                && threads == c.threads && seed == c.seed && sampleSize == c.sampleSize && nInit == c.nInit
                && pruning == c.pruning && Double.compare(heapFraction, c.heapFraction) == 0
                && Double.compare(reassignmentRatio, c.reassignmentRatio) == 0 && maxNoImprovement == c.maxNoImprovement
                && shuffleWindow == c.shuffleWindow && metric == c.metric;
    }

    @Override
    public int hashCode() {
        return Objects.hash(k, mode, initializer, maxIterations, tolerance, batchSize, threads, seed, sampleSize, nInit, pruning,
                heapFraction, reassignmentRatio, maxNoImprovement, shuffleWindow, metric);
    }

    @Override
    public String toString() {
        return "KMeansConfig(k=" + k + ", mode=" + mode + ", init=" + initializer.name() + ", maxIterations=" + maxIterations
                + ", tolerance=" + tolerance + ", batchSize=" + batchSize + ", threads=" + threads + ", seed=" + seed
                + ", sampleSize=" + sampleSize + ", nInit=" + nInit + ", pruning=" + pruning + ", heapFraction=" + heapFraction
                + ", reassignmentRatio=" + reassignmentRatio + ", maxNoImprovement=" + maxNoImprovement + ", shuffleWindow="
                + shuffleWindow + ", metric=" + metric + ")";
    }

    /** Builds a {@link KMeansConfig}; unset settings take the {@link Parameters table}'s defaults. */
    public static final class Builder {
        private final int k;
        private Mode mode = Parameters.MODE.defaultValue(Mode.EXACT).orElseThrow();
        private Initializer initializer = Initializers.named(Parameters.INIT.defaultValue(Mode.EXACT).orElseThrow());
        private int maxIterations = Parameters.MAX_ITERATIONS.defaultValue(Mode.EXACT).orElseThrow();
        /** Null: the mode's default. */
        private Double tolerance;
        private int batchSize = Parameters.BATCH_SIZE.defaultValue(Mode.EXACT).orElseThrow();
        /** Null: all processors. */
        private Integer threads;
        private long seed = Parameters.SEED.defaultValue(Mode.EXACT).orElseThrow();
        /** Null: the rule for k. */
        private Integer sampleSize;
        private int nInit = Parameters.N_INIT.defaultValue(Mode.EXACT).orElseThrow();
        private Pruning pruning = Parameters.PRUNING.defaultValue(Mode.EXACT).orElseThrow();
        private double heapFraction = Parameters.HEAP_FRACTION.defaultValue(Mode.EXACT).orElseThrow();
        private double reassignmentRatio = Parameters.REASSIGNMENT_RATIO.defaultValue(Mode.EXACT).orElseThrow();
        private int maxNoImprovement = Parameters.MAX_NO_IMPROVEMENT.defaultValue(Mode.EXACT).orElseThrow();
        private int shuffleWindow = Parameters.SHUFFLE_WINDOW.defaultValue(Mode.EXACT).orElseThrow();
        private Metric metric = Parameters.METRIC.defaultValue(Mode.EXACT).orElseThrow();

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

        /** Back to the mode's default tolerance. */
        public Builder defaultTolerance() {
            this.tolerance = null;
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

        /** Try exactly {@code restarts} initializations and keep the best; 0 lets the estimator choose (the default). */
        public Builder nInit(int restarts) {
            this.nInit = restarts;
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

        public Builder reassignmentRatio(double ratio) {
            this.reassignmentRatio = ratio;
            return this;
        }

        /** Stop after this many batches without improvement; 0 never stops early (scikit-learn's {@code None}). */
        public Builder maxNoImprovement(int batches) {
            this.maxNoImprovement = batches;
            return this;
        }

        /** Rows of the window each stochastic epoch is shuffled through; 1 keeps stream order, 0 chooses. */
        public Builder shuffleWindow(int rows) {
            this.shuffleWindow = rows;
            return this;
        }

        public Builder metric(Metric metric) {
            this.metric = metric;
            return this;
        }

        public KMeansConfig build() {
            return new KMeansConfig(this);
        }
    }
}
