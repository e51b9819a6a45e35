package io.github.minibatchkmeans.core;

import static io.github.minibatchkmeans.core.FrontDoor.ELKI;
import static io.github.minibatchkmeans.core.FrontDoor.SPARK;
import static io.github.minibatchkmeans.core.FrontDoor.TOOL;
import static io.github.minibatchkmeans.core.FrontDoor.TRIBUO;
import static io.github.minibatchkmeans.core.FrontDoor.WEKA;

import io.github.minibatchkmeans.core.Parameter.Constraint;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The parameter table: every knob of the estimator once — name, type, default (per mode where it
 * differs), constraint, doc — with its name in each {@link FrontDoor}, and, where a toolkit's own
 * k-means has a convention its users rely on (Spark's {@code maxIter} of 20, SimpleKMeans' seed of
 * 10), the override and its reason. {@link KMeansConfig} validates against it; the command-line
 * tool builds its options from it; Weka, Tribuo, ELKI and Spark take their defaults, docs and
 * constraints from it; a test per front door walks it.
 */
public final class Parameters {
    private Parameters() {
    }

    /**
     * The docs as compile-time constants, for front doors whose annotations need them (OLCUT's
     * {@code @Config}); {@link Parameter#doc()} returns the same text.
     */
    public static final class Docs {
        private Docs() {
        }

        /** The one-line doc of {@link Parameters#K}. */
        public static final String K = "Number of clusters (the k in k-means).";
        /** The one-line doc of {@link Parameters#K_MAX}. */
        public static final String K_MAX = "Choosing k: above k, every k from k to this (by kStep) is fitted in the same passes, "
                + "scored (inertia, Calinski-Harabasz, Davies-Bouldin, BIC, silhouette) and the one with the highest silhouette "
                + "kept; 0 fits k alone.";
        /** The one-line doc of {@link Parameters#K_STEP}. */
        public static final String K_STEP = "Choosing k: the step between the k values fitted from k to kMax.";
        /** The one-line doc of {@link Parameters#SILHOUETTE_SAMPLE}. */
        public static final String SILHOUETTE_SAMPLE = "Choosing k: rows of the uniform sample the silhouette is computed on "
                + "(its cost grows with their square).";
        /** The one-line doc of {@link Parameters#MODE}. */
        public static final String MODE = "exact: Lloyd iterations, each a full pass of sums and counts (identical to in-memory "
                + "Lloyd); stochastic: Sculley's mini-batch updates (approximate, faster); one-pass: a streaming coreset, every "
                + "row read once.";
        /** The one-line doc of {@link Parameters#INIT}. */
        public static final String INIT = "How the centroids start: random rows, k-means++ on a sample, or k-means|| (a few "
                + "oversampling passes over the data).";
        /** The one-line doc of {@link Parameters#MAX_ITERATIONS}. */
        public static final String MAX_ITERATIONS = "Maximum iterations (exact: full passes) or epochs over the data (stochastic).";
        /** The one-line doc of {@link Parameters#TOLERANCE}. */
        public static final String TOLERANCE = "Converged when the centroids' total squared shift in one iteration is at most this "
                + "times the mean feature variance (scikit-learn's rule); 0 in stochastic mode turns the test off.";
        /** The one-line doc of {@link Parameters#BATCH_SIZE}. */
        public static final String BATCH_SIZE = "Rows per mini-batch: the unit of reading in exact mode (results do not depend on "
                + "it), the unit of update in stochastic mode.";
        /** The one-line doc of {@link Parameters#THREADS}. */
        public static final String THREADS = "Worker threads; results are bit-identical for every thread count.";
        /** The one-line doc of {@link Parameters#SEED}. */
        public static final String SEED = "Seed of every random choice (sampling, initialization, reassignment).";
        /** The one-line doc of {@link Parameters#SAMPLE_SIZE}. */
        public static final String SAMPLE_SIZE = "Rows kept in the in-memory sample that seeding draws from.";
        /** The one-line doc of {@link Parameters#N_INIT}. */
        public static final String N_INIT = "Starts to try, each run to convergence, the lowest inertia kept; 0 chooses: 10 on "
                + "small data (rows x k x features up to 2e7) in exact mode, else the initializer's default (3 for random, 1 "
                + "otherwise).";
        /** The one-line doc of {@link Parameters#PRUNING}. */
        public static final String PRUNING = "Exact mode: which triangle-inequality bounds skip distances and unread blocks "
                + "(auto: Elkan's for 64 features or more when memory allows, else Hamerly's; off: plain Lloyd).";
        /** The one-line doc of {@link Parameters#HEAP_FRACTION}. */
        public static final String HEAP_FRACTION = "Share of the maximum heap the engine may fill with per-row state (bounds, "
                + "parsed rows, held rows); beyond it that state goes to temporary files or is not kept.";
        /** The one-line doc of {@link Parameters#REASSIGNMENT_RATIO}. */
        public static final String REASSIGNMENT_RATIO = "Stochastic: centroids lighter than this share of the heaviest move to "
                + "random rows of the batch; 0 never reassigns.";
        /** The one-line doc of {@link Parameters#MAX_NO_IMPROVEMENT}. */
        public static final String MAX_NO_IMPROVEMENT = "Stochastic: stop after this many mini-batches without an improvement of "
                + "the smoothed batch inertia; 0 never stops early.";
        /** The one-line doc of {@link Parameters#SHUFFLE_WINDOW}. */
        public static final String SHUFFLE_WINDOW = "Stochastic: rows of the window each epoch is shuffled through; 0 chooses "
                + "from the data's width (up to 2^16 rows or 16 MB), 1 keeps stream order.";
        /** The one-line doc of {@link Parameters#INIT_ROUNDS}. */
        public static final String INIT_ROUNDS = "k-means||: oversampling rounds, each one pass over the data.";
        /** The one-line doc of {@link Parameters#INIT_OVERSAMPLING}. */
        public static final String INIT_OVERSAMPLING = "k-means||: candidates drawn per round (the oversampling factor l); 0 "
                + "means 2k.";
        /** The one-line doc of {@link Parameters#NOMINAL}. */
        public static final String NOMINAL = "Nominal attributes (one-hot columns): mode (k-prototypes, as SimpleKMeans: "
                + "the centroid takes the most frequent value, a mismatch costs nominalWeight) or one-hot (the centroid holds "
                + "the values' frequencies).";
        /** The one-line doc of {@link Parameters#NOMINAL_WEIGHT}. */
        public static final String NOMINAL_WEIGHT = "Nominal attributes: the squared distance one differing value adds (gamma "
                + "of k-prototypes); 1 equals a numeric attribute's whole [0, 1] range, as SimpleKMeans' distance.";
        /** The one-line doc of {@link Parameters#MISSING}. */
        public static final String MISSING = "A missing value (NaN; CSV: an empty field or a marker; ARFF: ?): error (refused, "
                + "naming its row and column), impute (its column's weighted mean from the statistics pass, a nominal "
                + "attribute's mode, as Weka's ReplaceMissingValues) or ignore (rows measured over the features they have, "
                + "rescaled; centroids the means of the values present).";
        /** The one-line doc of {@link Parameters#METRIC}. */
        public static final String METRIC = "How rows and centroids are compared: euclidean (squared Euclidean distance) or "
                + "cosine (spherical k-means: rows scaled to unit length, centroids the normalized means, costs 1 - cos).";
    }

    /** Silhouette rows beyond this take hours: its cost is quadratic. */
    static final int MAX_SILHOUETTE_SAMPLE = 200_000;
    /** A nominal weight beyond this drowns every numeric attribute: a mismatch would cost a million ranges. */
    static final double MAX_NOMINAL_WEIGHT = 1e6;
    /** Threads beyond this are a mistake: each holds a batch's partial sums. */
    static final int MAX_THREADS = 4096;
    /** Sample rows beyond this take gigabytes on any width: a larger sample seeds no better. */
    static final int MAX_SAMPLE_SIZE = 10_000_000;
    /** A sweep's k beyond this is a mistake: its automatic sample (20 rows per centroid) would pass the largest sample. */
    static final int MAX_K = MAX_SAMPLE_SIZE / 20;
    /** Starts beyond this are a mistake: each is a whole fit. */
    static final int MAX_STARTS = 1000;
    /** k-means|| rounds beyond this are a mistake: each is a pass, and five suffice (Bahmani et al.). */
    static final int MAX_ROUNDS = 100;

    /** The knob {@code k}: {@value Docs#K} */
    public static final Parameter<Integer> K = Parameter.define("k", Integer.class, Docs.K)
            .constraint(Constraint.atLeast(1))
            .in(TOOL, "--k")
            .in(WEKA, "-N", o -> o.defaultValue(2).why("SimpleKMeans' default (-N 2)"))
            .in(TRIBUO, "centroids", o -> o.required().why("mandatory, as in Tribuo's KMeansTrainer"))
            .in(ELKI, "kmeans.k", o -> o.toolkits().why("ELKI's own k-means parameter"))
            .in(SPARK, "k", o -> o.defaultValue(2).why("Spark's KMeans default (k = 2)"))
            .build();

    /** The knob {@code kMax}: {@value Docs#K_MAX} */
    public static final Parameter<Integer> K_MAX = Parameter.define("kMax", Integer.class, Docs.K_MAX)
            .byDefault(0)
            .constraint(Constraint.within(0, MAX_K))
            .in(WEKA, "-H", o -> o.why("XMeans' name for the largest number of clusters (its -L is our -N)"))
            .in(TRIBUO, "maxCentroids")
            .in(ELKI, "minibatch.kmax")
            .in(SPARK, "kMax")
            .build();

    /** The knob {@code kStep}: {@value Docs#K_STEP} */
    public static final Parameter<Integer> K_STEP = Parameter.define("kStep", Integer.class, Docs.K_STEP)
            .byDefault(1)
            .constraint(Constraint.within(1, MAX_K))
            .in(WEKA, "-k-step")
            .in(TRIBUO, "centroidStep")
            .in(ELKI, "minibatch.kstep")
            .in(SPARK, "kStep")
            .build();

    /** The knob {@code silhouetteSample}: {@value Docs#SILHOUETTE_SAMPLE} */
    public static final Parameter<Integer> SILHOUETTE_SAMPLE = Parameter.define("silhouetteSample", Integer.class,
                    Docs.SILHOUETTE_SAMPLE)
            .byDefault(10_000)
            .constraint(Constraint.within(2, MAX_SILHOUETTE_SAMPLE))
            .in(TOOL, "--silhouette-sample")
            .build();

    /** The knob {@code mode}: {@value Docs#MODE} */
    public static final Parameter<Mode> MODE = Parameter.define("mode", Mode.class, Docs.MODE)
            .byDefault(Mode.EXACT)
            .constraint(Constraint.oneOf(Mode.values()))
            .in(TOOL, "--mode")
            .in(WEKA, "-stochastic", o -> o.values(Mode.EXACT, Mode.STOCHASTIC).why("a flag for batch training; incremental "
                    + "training (updateClusterer) goes one-pass by itself once the instances outgrow its buffer"))
            .in(TRIBUO, "mode")
            .in(ELKI, "minibatch.mode", o -> o.values(Mode.EXACT, Mode.STOCHASTIC).why("an ELKI relation is read as often as "
                    + "needed, so one-pass has nothing to offer there"))
            .in(SPARK, "mode", o -> o.values(Mode.EXACT, Mode.STOCHASTIC).why("one-pass reads rows in order on one machine"))
            .build();

    /** The built-in initializers by name ({@link Initializers#named}); the tool also takes a file of centers. */
    public static final Parameter<String> INIT = Parameter.define("init", String.class, Docs.INIT)
            .byDefault("k-means++")
            .constraint(Constraint.oneOf("random", "k-means++", "k-means||"))
            .in(TOOL, "--init")
            .in(WEKA, "-init")
            .in(TRIBUO, "initialisationType")
            .in(ELKI, "kmeans.initialization", o -> o.defaultValue("random").toolkits().why("ELKI's own parameter and default "
                    + "(RandomlyChosen), so that every ELKI initialization works; k-means|| is registered among them"))
            .in(SPARK, "initMode", o -> o.defaultValue("k-means||").why("Spark's KMeans default (initMode k-means||)"))
            .build();

    /** The knob {@code maxIterations}: {@value Docs#MAX_ITERATIONS} */
    public static final Parameter<Integer> MAX_ITERATIONS = Parameter.define("maxIterations", Integer.class, Docs.MAX_ITERATIONS)
            .byDefault(300)
            .constraint(Constraint.atLeast(1))
            .in(TOOL, "--max-iter")
            .in(WEKA, "-I")
            .in(TRIBUO, "iterations", o -> o.required().why("mandatory, as in Tribuo's KMeansTrainer"))
            .in(ELKI, "kmeans.maxiter", o -> o.defaultValue(0).sentinel(0).toolkits().why("ELKI's own parameter: 0, its default, means "
                    + "no limit in ELKI's k-means and the core's default here"))
            .in(SPARK, "maxIter", o -> o.defaultValue(20).why("Spark's KMeans default (maxIter 20)"))
            .build();

    /** The knob {@code tolerance}: {@value Docs#TOLERANCE} */
    public static final Parameter<Double> TOLERANCE = Parameter.define("tolerance", Double.class, Docs.TOLERANCE)
            .byDefault(mode -> mode == Mode.STOCHASTIC ? 0.0 : 1e-4, "1e-4 (exact, one-pass), 0 (stochastic: scikit-learn's)")
            .constraint(Constraint.between(0, true, Double.POSITIVE_INFINITY, false))
            .in(TOOL, "--tol")
            .in(WEKA, "-tol")
            .in(TRIBUO, "tolerance", o -> o.defaultValue(-1.0).sentinel(-1.0).why("OLCUT's provenance cannot record an unset "
                    + "field, so -1 stands for the mode's default"))
            .in(ELKI, "minibatch.tol")
            .in(SPARK, "tol")
            .build();

    /** The knob {@code batchSize}: {@value Docs#BATCH_SIZE} */
    public static final Parameter<Integer> BATCH_SIZE = Parameter.define("batchSize", Integer.class, Docs.BATCH_SIZE)
            .byDefault(4096)
            .constraint(Constraint.atLeast(1))
            .in(TOOL, "--batch-size")
            .in(WEKA, "-batch-size")
            .in(TRIBUO, "batchSize")
            .in(ELKI, "minibatch.batchsize")
            .build();

    /** The knob {@code threads}: {@value Docs#THREADS} */
    public static final Parameter<Integer> THREADS = Parameter.define("threads", Integer.class, Docs.THREADS)
            .automatic("all processors")
            .constraint(Constraint.within(1, MAX_THREADS))
            .in(TOOL, "--threads")
            .in(WEKA, "-num-slots", o -> o.defaultValue(1).why("SimpleKMeans' default (-num-slots 1)"))
            .in(TRIBUO, "numThreads", o -> o.defaultValue(1).why("Tribuo's KMeansTrainer default (numThreads 1)"))
            .in(ELKI, "minibatch.threads", o -> o.defaultValue(0).sentinel(0).why("ELKI's convention: 0 means all processors"))
            .build();

    /** The knob {@code seed}: {@value Docs#SEED} */
    public static final Parameter<Long> SEED = Parameter.define("seed", Long.class, Docs.SEED)
            .byDefault(0L)
            .constraint(Constraint.anyLong())
            .in(TOOL, "--seed")
            .in(WEKA, "-S", o -> o.defaultValue(10L).toolkits().narrower(s -> s == (int) (long) s)
                    .why("RandomizableClusterer's option (an int), with SimpleKMeans' default (-S 10)"))
            .in(TRIBUO, "seed", o -> o.required().why("mandatory, as in Tribuo's KMeansTrainer"))
            .in(ELKI, "minibatch.seed", o -> o.defaultText("ELKI's default random factory").why("an ELKI RandomParameter, as every "
                    + "ELKI algorithm's"))
            .in(SPARK, "seed", o -> o.defaultValue((long) "io.github.minibatchkmeans.spark.MiniBatchKMeans".hashCode())
                    .why("Spark's convention: the hash of the estimator's class name"))
            .build();

    /** The knob {@code sampleSize}: {@value Docs#SAMPLE_SIZE} */
    public static final Parameter<Integer> SAMPLE_SIZE = Parameter.define("sampleSize", Integer.class, Docs.SAMPLE_SIZE)
            .automatic("max(10000, 20 k)")
            .constraint(Constraint.within(1, MAX_SAMPLE_SIZE))
            .in(TOOL, "--sample-size")
            .build();

    /** The knob {@code nInit}: {@value Docs#N_INIT} */
    public static final Parameter<Integer> N_INIT = Parameter.define("nInit", Integer.class, Docs.N_INIT)
            .byDefault(0)
            .constraint(Constraint.within(0, MAX_STARTS))
            .in(TOOL, "--n-init")
            .in(WEKA, "-restarts")
            .fixedIn(SPARK, 1, "one start, as Spark's KMeans")
            .build();

    /** The knob {@code pruning}: {@value Docs#PRUNING} */
    public static final Parameter<Pruning> PRUNING = Parameter.define("pruning", Pruning.class, Docs.PRUNING)
            .byDefault(Pruning.AUTO)
            .constraint(Constraint.oneOf(Pruning.values()))
            .build();

    /** The knob {@code heapFraction}: {@value Docs#HEAP_FRACTION} */
    public static final Parameter<Double> HEAP_FRACTION = Parameter.define("heapFraction", Double.class, Docs.HEAP_FRACTION)
            .byDefault(0.5)
            .constraint(Constraint.between(0, false, 1, true))
            .build();

    /** The knob {@code reassignmentRatio}: {@value Docs#REASSIGNMENT_RATIO} */
    public static final Parameter<Double> REASSIGNMENT_RATIO = Parameter.define("reassignmentRatio", Double.class,
                    Docs.REASSIGNMENT_RATIO)
            .byDefault(0.01)
            .constraint(Constraint.between(0, true, 1, true))
            .in(TOOL, "--reassignment-ratio")
            .in(SPARK, "reassignmentRatio")
            .build();

    /** The knob {@code maxNoImprovement}: {@value Docs#MAX_NO_IMPROVEMENT} */
    public static final Parameter<Integer> MAX_NO_IMPROVEMENT = Parameter.define("maxNoImprovement", Integer.class,
                    Docs.MAX_NO_IMPROVEMENT)
            .byDefault(10)
            .constraint(Constraint.atLeast(0))
            .in(TOOL, "--max-no-improvement")
            .build();

    /** The knob {@code shuffleWindow}: {@value Docs#SHUFFLE_WINDOW} */
    public static final Parameter<Integer> SHUFFLE_WINDOW = Parameter.define("shuffleWindow", Integer.class, Docs.SHUFFLE_WINDOW)
            .byDefault(0)
            .constraint(Constraint.atLeast(0))
            .build();

    /** The knob {@code initRounds}: {@value Docs#INIT_ROUNDS} */
    public static final Parameter<Integer> INIT_ROUNDS = Parameter.define("initRounds", Integer.class, Docs.INIT_ROUNDS)
            .byDefault(5)
            .constraint(Constraint.within(1, MAX_ROUNDS))
            .in(ELKI, "kmeansparallel.rounds")
            .in(SPARK, "initSteps", o -> o.defaultValue(2).why("Spark's KMeans default (initSteps 2)"))
            .build();

    /** The knob {@code initOversampling}: {@value Docs#INIT_OVERSAMPLING} */
    public static final Parameter<Integer> INIT_OVERSAMPLING = Parameter.define("initOversampling", Integer.class,
                    Docs.INIT_OVERSAMPLING)
            .byDefault(0)
            .constraint(Constraint.atLeast(0))
            .in(ELKI, "kmeansparallel.oversampling")
            .build();

    /** The knob {@code metric}: {@value Docs#METRIC} */
    public static final Parameter<Metric> METRIC = Parameter.define("metric", Metric.class, Docs.METRIC)
            .byDefault(Metric.EUCLIDEAN)
            .constraint(Constraint.oneOf(Metric.values()))
            .in(TOOL, "--metric")
            .in(WEKA, "-metric")
            .in(TRIBUO, "dist", o -> o.why("Tribuo's KMeansTrainer names its distance dist (L2Distance, CosineDistance)"))
            .in(ELKI, "algorithm.distancefunction", o -> o.toolkits().why("ELKI's own distance parameter: squared Euclidean "
                    + "or cosine distance"))
            .in(SPARK, "distanceMeasure")
            .build();

    /** The knob {@code nominal}: {@value Docs#NOMINAL} */
    public static final Parameter<Nominal> NOMINAL = Parameter.define("nominal", Nominal.class, Docs.NOMINAL)
            .byDefault(Nominal.MODE)
            .constraint(Constraint.oneOf(Nominal.values()))
            .in(TOOL, "--nominal")
            .in(WEKA, "-nominal")
            .build();

    /** The knob {@code nominalWeight}: {@value Docs#NOMINAL_WEIGHT} */
    public static final Parameter<Double> NOMINAL_WEIGHT = Parameter.define("nominalWeight", Double.class, Docs.NOMINAL_WEIGHT)
            .byDefault(1.0)
            .constraint(Constraint.between(0, false, MAX_NOMINAL_WEIGHT, true))
            .in(TOOL, "--nominal-weight")
            .in(WEKA, "-nominal-weight")
            .build();

    /** The knob {@code missing}: {@value Docs#MISSING} */
    public static final Parameter<MissingValues> MISSING = Parameter.define("missing", MissingValues.class, Docs.MISSING)
            .byDefault(MissingValues.IMPUTE)
            .constraint(Constraint.oneOf(MissingValues.values()))
            .in(TOOL, "--missing")
            .fixedIn(WEKA, MissingValues.IMPUTE, "SimpleKMeans replaces missing values (ReplaceMissingValues; its -M is refused)")
            .in(TRIBUO, "missing")
            .in(SPARK, "missing")
            .build();

    private static final List<Parameter<?>> ALL = List.of(K, K_MAX, K_STEP, SILHOUETTE_SAMPLE, MODE, INIT, MAX_ITERATIONS, TOLERANCE, BATCH_SIZE, THREADS, SEED,
            SAMPLE_SIZE, N_INIT, PRUNING, HEAP_FRACTION, REASSIGNMENT_RATIO, MAX_NO_IMPROVEMENT, SHUFFLE_WINDOW, INIT_ROUNDS,
            INIT_OVERSAMPLING, METRIC, NOMINAL, NOMINAL_WEIGHT, MISSING);

    /**
     * Every knob, in the order of this table.
     *
     * @return the knobs
     */
    public static List<Parameter<?>> all() {
        return ALL;
    }

    /**
     * The knob with the core name {@code name} (as {@link InvalidConfigException#field()} gives it).
     *
     * @param name the core name
     * @return the knob
     * @throws java.util.NoSuchElementException when no knob has that name
     */
    public static Parameter<?> named(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no parameter named " + name));
    }

    /**
     * The knobs {@code door} exposes (under a name), in table order.
     *
     * @param door the front door
     * @return the knobs it exposes
     */
    public static List<Parameter<?>> exposedIn(FrontDoor door) {
        return ALL.stream().filter(p -> p.nameIn(door).isPresent()).toList();
    }
}
