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
    /** True if the sample size was left to the fit (it may lower it for wide rows). */
    private final boolean sampleSizeAutomatic;
    private final int nInit;
    private final Pruning pruning;
    private final double heapFraction;
    private final double reassignmentRatio;
    private final int maxNoImprovement;
    private final int shuffleWindow;
    private final Metric metric;
    private final int kMax;
    private final int kStep;
    private final int silhouetteSample;
    private final Nominal nominal;
    private final MissingValues missing;
    private final double nominalWeight;
    /** Per nominal attribute, its first one-hot column and its number of values. */
    private final int[][] nominalColumns;

    private KMeansConfig(Builder b) {
        this.k = InvalidConfigException.check(Parameters.K, b.k);
        this.kMax = InvalidConfigException.check(Parameters.K_MAX, b.kMax);
        if (kMax != 0 && kMax < k) {
            throw new InvalidConfigException(Parameters.K_MAX, "must be 0 (no sweep) or at least k = " + k + ", not " + kMax);
        }
        this.kStep = InvalidConfigException.check(Parameters.K_STEP, b.kStep);
        this.silhouetteSample = InvalidConfigException.check(Parameters.SILHOUETTE_SAMPLE, b.silhouetteSample);
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
        this.sampleSizeAutomatic = b.sampleSize == null;
        this.sampleSize = InvalidConfigException.check(Parameters.SAMPLE_SIZE,
                b.sampleSize != null ? b.sampleSize : Math.max(10_000, 20 * Math.max(k, kMax)));
        this.nInit = InvalidConfigException.check(Parameters.N_INIT, b.nInit);
        this.pruning = InvalidConfigException.check(Parameters.PRUNING, b.pruning);
        this.heapFraction = InvalidConfigException.check(Parameters.HEAP_FRACTION, b.heapFraction);
        this.reassignmentRatio = InvalidConfigException.check(Parameters.REASSIGNMENT_RATIO, b.reassignmentRatio);
        this.maxNoImprovement = InvalidConfigException.check(Parameters.MAX_NO_IMPROVEMENT, b.maxNoImprovement);
        this.shuffleWindow = InvalidConfigException.check(Parameters.SHUFFLE_WINDOW, b.shuffleWindow);
        this.metric = InvalidConfigException.check(Parameters.METRIC, b.metric);
        this.nominal = InvalidConfigException.check(Parameters.NOMINAL, b.nominal);
        this.missing = InvalidConfigException.check(Parameters.MISSING, b.missing);
        if (missing == MissingValues.IGNORE && (mode != Mode.EXACT || metric != Metric.EUCLIDEAN)) {
            throw new InvalidConfigException(Parameters.MISSING, "ignore measures rows by partial Euclidean distances in exact "
                    + "passes: it needs mode exact and metric euclidean, not mode " + mode.name().toLowerCase(java.util.Locale.ROOT)
                    + " and metric " + metric.name().toLowerCase(java.util.Locale.ROOT));
        }
        this.nominalWeight = InvalidConfigException.check(Parameters.NOMINAL_WEIGHT, b.nominalWeight);
        this.nominalColumns = b.nominalColumns.toArray(new int[0][]);
    }

    /**
     * A builder for {@code k} clusters; every other setting starts at the table's default.
     *
     * @param k the number of clusters
     * @return the builder
     */
    public static Builder builder(int k) {
        return new Builder(k);
    }

    /**
     * A builder holding this configuration's values, to change some of them.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(k);
        b.mode = mode;
        b.initializer = initializer;
        b.maxIterations = maxIterations;
        b.tolerance = tolerance;
        b.batchSize = batchSize;
        b.threads = threads;
        b.seed = seed;
        b.sampleSize = sampleSizeAutomatic ? null : sampleSize;
        b.nInit = nInit;
        b.pruning = pruning;
        b.heapFraction = heapFraction;
        b.reassignmentRatio = reassignmentRatio;
        b.maxNoImprovement = maxNoImprovement;
        b.shuffleWindow = shuffleWindow;
        b.metric = metric;
        b.kMax = kMax;
        b.kStep = kStep;
        b.silhouetteSample = silhouetteSample;
        b.nominal = nominal;
        b.missing = missing;
        b.nominalWeight = nominalWeight;
        for (int[] attribute : nominalColumns) {
            b.nominalColumns.add(attribute.clone());
        }
        return b;
    }

    /**
     * {@link Parameters#K}.
     *
     * @return the setting
     */
    public int k() {
        return k;
    }

    /**
     * {@link Parameters#K_MAX}: the largest k of a sweep; 0 when k is fitted alone.
     *
     * @return the setting
     */
    public int kMax() {
        return kMax;
    }

    /**
     * {@link Parameters#K_STEP}.
     *
     * @return the setting
     */
    public int kStep() {
        return kStep;
    }

    /**
     * {@link Parameters#SILHOUETTE_SAMPLE}.
     *
     * @return the setting
     */
    public int silhouetteSample() {
        return silhouetteSample;
    }

    /**
     * The k values a fit tries: k alone, or k, k + kStep, … up to kMax.
     *
     * @return the k values, ascending
     */
    public int[] kValues() {
        return choosesK() ? java.util.stream.IntStream.iterate(k, v -> v <= kMax, v -> v + kStep).toArray() : new int[] {k};
    }

    /**
     * True if a fit chooses k among several ({@code kMax} above {@code k}): a sweep over k.
     *
     * @return whether several k are fitted
     */
    public boolean choosesK() {
        return kMax > k;
    }

    /**
     * {@link Parameters#MODE}.
     *
     * @return the setting
     */
    public Mode mode() {
        return mode;
    }

    /**
     * {@link Parameters#INIT}: a built-in initializer or the caller's own.
     *
     * @return the setting
     */
    public Initializer initializer() {
        return initializer;
    }

    /**
     * {@link Parameters#MAX_ITERATIONS}: EXACT passes; STOCHASTIC epochs; ONE_PASS iterations on the coreset.
     *
     * @return the setting
     */
    public int maxIterations() {
        return maxIterations;
    }

    /**
     * {@link Parameters#TOLERANCE}, resolved for the mode.
     *
     * @return the setting
     */
    public double tolerance() {
        return tolerance;
    }

    /**
     * {@link Parameters#BATCH_SIZE}.
     *
     * @return the setting
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * {@link Parameters#THREADS}, resolved (all processors unless set).
     *
     * @return the setting
     */
    public int threads() {
        return threads;
    }

    /**
     * {@link Parameters#SEED}.
     *
     * @return the setting
     */
    public long seed() {
        return seed;
    }

    /**
     * {@link Parameters#SAMPLE_SIZE}, resolved for k.
     *
     * @return the setting
     */
    public int sampleSize() {
        return sampleSize;
    }

    /** True if the sample size was left to the fit. */
    boolean sampleSizeAutomatic() {
        return sampleSizeAutomatic;
    }

    /**
     * {@link Parameters#N_INIT}: starts to try; 0 lets the estimator choose.
     *
     * @return the setting
     */
    public int nInit() {
        return nInit;
    }

    /**
     * {@link Parameters#PRUNING}.
     *
     * @return the setting
     */
    public Pruning pruning() {
        return pruning;
    }

    /**
     * {@link Parameters#HEAP_FRACTION}.
     *
     * @return the setting
     */
    public double heapFraction() {
        return heapFraction;
    }

    /**
     * {@link Parameters#REASSIGNMENT_RATIO}.
     *
     * @return the setting
     */
    public double reassignmentRatio() {
        return reassignmentRatio;
    }

    /**
     * {@link Parameters#MAX_NO_IMPROVEMENT}: 0 never stops early.
     *
     * @return the setting
     */
    public int maxNoImprovement() {
        return maxNoImprovement;
    }

    /**
     * {@link Parameters#SHUFFLE_WINDOW}: 0 chooses from the data's width.
     *
     * @return the setting
     */
    public int shuffleWindow() {
        return shuffleWindow;
    }

    /**
     * {@link Parameters#METRIC}.
     *
     * @return the setting
     */
    public Metric metric() {
        return metric;
    }

    /**
     * {@link Parameters#NOMINAL}.
     *
     * @return the setting
     */
    public Nominal nominal() {
        return nominal;
    }

    /**
     * {@link Parameters#MISSING}.
     *
     * @return the setting
     */
    public MissingValues missing() {
        return missing;
    }

    /**
     * {@link Parameters#NOMINAL_WEIGHT}.
     *
     * @return the setting
     */
    public double nominalWeight() {
        return nominalWeight;
    }

    /**
     * The nominal attributes declared with {@link Builder#nominalColumns}, in order: each its first
     * one-hot column and its number of values.
     *
     * @return one {@code {firstColumn, values}} pair per attribute (a copy)
     */
    public int[][] nominalColumns() {
        int[][] copy = new int[nominalColumns.length][];
        for (int a = 0; a < copy.length; a++) {
            copy[a] = nominalColumns[a].clone();
        }
        return copy;
    }

    /**
     * What a row holds in the column of a nominal attribute's value: √(nominalWeight / 2), so that
     * two rows with different values are {@code nominalWeight} apart (two columns differ by it).
     *
     * @return the one-hot value
     */
    public double nominalValue() {
        return Math.sqrt(nominalWeight / 2);
    }

    /** The bytes of heap {@link #heapFraction()} allows for per-row state. */
    long heapBudgetBytes() {
        return (long) (heapFraction * Runtime.getRuntime().maxMemory());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KMeansConfig c && k == c.k && mode == c.mode && initializer.equals(c.initializer)
                && maxIterations == c.maxIterations && Double.compare(tolerance, c.tolerance) == 0 && batchSize == c.batchSize
                && threads == c.threads && seed == c.seed && sampleSize == c.sampleSize
                && sampleSizeAutomatic == c.sampleSizeAutomatic && nInit == c.nInit
                && pruning == c.pruning && Double.compare(heapFraction, c.heapFraction) == 0
                && Double.compare(reassignmentRatio, c.reassignmentRatio) == 0 && maxNoImprovement == c.maxNoImprovement
                && shuffleWindow == c.shuffleWindow && metric == c.metric
                && nominal == c.nominal && missing == c.missing && nominalWeight == c.nominalWeight
                && java.util.Arrays.deepEquals(nominalColumns, c.nominalColumns)
                && kMax == c.kMax && kStep == c.kStep && silhouetteSample == c.silhouetteSample;
    }

    @Override
    public int hashCode() {
        return Objects.hash(k, mode, initializer, maxIterations, tolerance, batchSize, threads, seed, sampleSize, sampleSizeAutomatic, nInit, pruning,
                heapFraction, reassignmentRatio, maxNoImprovement, shuffleWindow, metric, kMax, kStep, silhouetteSample,
                nominal, missing, nominalWeight, java.util.Arrays.deepHashCode(nominalColumns));
    }

    @Override
    public String toString() {
        return "KMeansConfig(k=" + k + ", mode=" + mode + ", init=" + initializer.name() + ", maxIterations=" + maxIterations
                + ", tolerance=" + tolerance + ", batchSize=" + batchSize + ", threads=" + threads + ", seed=" + seed
                + ", sampleSize=" + sampleSize + ", nInit=" + nInit + ", pruning=" + pruning + ", heapFraction=" + heapFraction
                + ", reassignmentRatio=" + reassignmentRatio + ", maxNoImprovement=" + maxNoImprovement + ", shuffleWindow="
                + shuffleWindow + ", metric=" + metric + ", kMax=" + kMax + ", kStep=" + kStep + ", silhouetteSample=" + silhouetteSample
                + ", nominal=" + nominal + ", missing=" + missing + ", nominalWeight=" + nominalWeight + ", nominalColumns="
                + java.util.Arrays.deepToString(nominalColumns) + ")";
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
        private int kMax = Parameters.K_MAX.defaultValue(Mode.EXACT).orElseThrow();
        private int kStep = Parameters.K_STEP.defaultValue(Mode.EXACT).orElseThrow();
        private int silhouetteSample = Parameters.SILHOUETTE_SAMPLE.defaultValue(Mode.EXACT).orElseThrow();
        private Nominal nominal = Parameters.NOMINAL.defaultValue(Mode.EXACT).orElseThrow();
        private MissingValues missing = Parameters.MISSING.defaultValue(Mode.EXACT).orElseThrow();
        private double nominalWeight = Parameters.NOMINAL_WEIGHT.defaultValue(Mode.EXACT).orElseThrow();
        private final java.util.List<int[]> nominalColumns = new java.util.ArrayList<>();

        private Builder(int k) {
            this.k = k;
        }

        /**
         * {@link Parameters#MODE}: exact Lloyd, stochastic mini-batch updates, or one pass.
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        /**
         * {@link Parameters#INIT}: how the starting centroids are chosen ({@link Initializers}).
         *
         * @param initializer the initializer
         * @return this builder
         */
        public Builder initializer(Initializer initializer) {
            this.initializer = initializer;
            return this;
        }

        /**
         * {@link Parameters#MAX_ITERATIONS}: the iteration cap.
         *
         * @param maxIterations a positive count
         * @return this builder
         */
        public Builder maxIterations(int maxIterations) {
            this.maxIterations = maxIterations;
            return this;
        }

        /**
         * Overrides the mode's default tolerance.
         *
         * @param tolerance a non-negative tolerance
         * @return this builder
         */
        public Builder tolerance(double tolerance) {
            this.tolerance = tolerance;
            return this;
        }

        /**
         * Back to the mode's default tolerance.
         *
         * @return this builder
         */
        public Builder defaultTolerance() {
            this.tolerance = null;
            return this;
        }

        /**
         * {@link Parameters#BATCH_SIZE}: rows per mini-batch.
         *
         * @param batchSize a positive count
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * {@link Parameters#THREADS}: threads a pass runs on.
         *
         * @param threads a positive count
         * @return this builder
         */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * {@link Parameters#SEED}: the seed of every random choice.
         *
         * @param seed any value
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * {@link Parameters#SAMPLE_SIZE}: rows of the uniform sample seeding draws from.
         *
         * @param sampleSize a positive count
         * @return this builder
         */
        public Builder sampleSize(int sampleSize) {
            this.sampleSize = sampleSize;
            return this;
        }

        /**
         * {@link Parameters#K_MAX}: fit every k from k to {@code kMax} (by {@link #kStep}) in the same
         * passes and keep the one with the highest silhouette ({@link MiniBatchKMeans#sweep}); 0: k alone.
         *
         * @param kMax the largest k, or 0
         * @return this builder
         */
        public Builder kMax(int kMax) {
            this.kMax = kMax;
            return this;
        }

        /**
         * {@link Parameters#K_STEP}: the step between the k values of a sweep.
         *
         * @param kStep a positive step
         * @return this builder
         */
        public Builder kStep(int kStep) {
            this.kStep = kStep;
            return this;
        }

        /**
         * {@link Parameters#SILHOUETTE_SAMPLE}: the sampled rows a sweep's silhouette is computed on.
         *
         * @param rows at least 2
         * @return this builder
         */
        public Builder silhouetteSample(int rows) {
            this.silhouetteSample = rows;
            return this;
        }

        /**
         * Try exactly {@code restarts} initializations and keep the best; 0 lets the estimator choose (the default).
         *
         * @param restarts a non-negative count
         * @return this builder
         */
        public Builder nInit(int restarts) {
            this.nInit = restarts;
            return this;
        }

        /**
         * {@link Parameters#PRUNING}: exact pruning bounds, or none.
         *
         * @param pruning the bounds
         * @return this builder
         */
        public Builder pruning(Pruning pruning) {
            this.pruning = pruning;
            return this;
        }

        /**
         * {@link Parameters#HEAP_FRACTION}: the share of the max heap per-row state may take.
         *
         * @param fraction a share in (0, 1]
         * @return this builder
         */
        public Builder heapFraction(double fraction) {
            this.heapFraction = fraction;
            return this;
        }

        /**
         * {@link Parameters#REASSIGNMENT_RATIO}: how light a stochastic center may get before it moves.
         *
         * @param ratio a non-negative ratio
         * @return this builder
         */
        public Builder reassignmentRatio(double ratio) {
            this.reassignmentRatio = ratio;
            return this;
        }

        /**
         * Stop after this many batches without improvement; 0 never stops early (scikit-learn's {@code None}).
         *
         * @param batches a non-negative count
         * @return this builder
         */
        public Builder maxNoImprovement(int batches) {
            this.maxNoImprovement = batches;
            return this;
        }

        /**
         * Rows of the window each stochastic epoch is shuffled through; 1 keeps stream order, 0 chooses.
         *
         * @param rows a non-negative count
         * @return this builder
         */
        public Builder shuffleWindow(int rows) {
            this.shuffleWindow = rows;
            return this;
        }

        /**
         * {@link Parameters#METRIC}: how rows are compared with centroids.
         *
         * @param metric the metric
         * @return this builder
         */
        public Builder metric(Metric metric) {
            this.metric = metric;
            return this;
        }

        /**
         * {@link Parameters#NOMINAL}: how centroids hold the attributes of {@link #nominalColumns}.
         *
         * @param nominal mode (k-prototypes) or one-hot frequencies
         * @return this builder
         */
        public Builder nominal(Nominal nominal) {
            this.nominal = nominal;
            return this;
        }

        /**
         * {@link Parameters#MISSING}: what a missing value (NaN) in the data is.
         *
         * @param missing an error, or imputed
         * @return this builder
         */
        public Builder missing(MissingValues missing) {
            this.missing = missing;
            return this;
        }

        /**
         * {@link Parameters#NOMINAL_WEIGHT}: what one differing nominal value adds to a squared
         * distance; rows write {@link KMeansConfig#nominalValue()} for a present value.
         *
         * @param weight γ, above 0
         * @return this builder
         */
        public Builder nominalWeight(double weight) {
            this.nominalWeight = weight;
            return this;
        }

        /**
         * Declares one nominal attribute: columns {@code [firstColumn, firstColumn + values)} of
         * every row one-hot encode it — the column of the row's value holds
         * {@link KMeansConfig#nominalValue()}, the others 0. Call once per attribute, in any order;
         * the columns of two attributes may not overlap.
         *
         * @param firstColumn the column of its first value
         * @param values its number of values, at least 1
         * @return this builder
         */
        public Builder nominalColumns(int firstColumn, int values) {
            if (firstColumn < 0 || values < 1 || (long) firstColumn + values > Integer.MAX_VALUE) {
                throw new InvalidConfigException(Parameters.NOMINAL, "a nominal attribute needs a first column >= 0 and "
                        + "at least one value, got column " + firstColumn + " and " + values + " values");
            }
            for (int[] other : nominalColumns) {
                if (firstColumn < other[0] + other[1] && other[0] < firstColumn + values) {
                    throw new InvalidConfigException(Parameters.NOMINAL, "the nominal attribute at columns " + firstColumn
                            + ".." + (firstColumn + values - 1) + " overlaps the one at " + other[0] + ".."
                            + (other[0] + other[1] - 1));
                }
            }
            nominalColumns.add(new int[] {firstColumn, values});
            return this;
        }

        /**
         * The configuration, once every setting is checked against the parameter table.
         *
         * @return the configuration
         * @throws InvalidConfigException naming the first setting that is wrong
         */
        public KMeansConfig build() {
            return new KMeansConfig(this);
        }
    }
}
