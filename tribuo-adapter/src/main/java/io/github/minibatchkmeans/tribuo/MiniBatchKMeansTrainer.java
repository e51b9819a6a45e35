package io.github.minibatchkmeans.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import io.github.minibatchkmeans.core.FrontDoor;
import io.github.minibatchkmeans.core.Initializers;
import io.github.minibatchkmeans.core.InvalidConfigException;
import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.MissingValues;
import io.github.minibatchkmeans.core.Metric;
import io.github.minibatchkmeans.core.Parameter;
import io.github.minibatchkmeans.core.Parameters;
import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.KSweep;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.LongProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import io.github.minibatchkmeans.core.MiniBatchKMeans;
import io.github.minibatchkmeans.core.spi.Initializer;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.MutableFeatureMap;
import org.tribuo.Trainer;
import org.tribuo.DataSource;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ImmutableClusteringInfo;
import org.tribuo.math.distance.CosineDistance;
import org.tribuo.math.distance.Distance;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.provenance.DatasetProvenance;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;
import com.oracle.labs.mlrg.olcut.util.MutableLong;

/**
 * A Tribuo {@link Trainer} for mini-batch k-means. In {@code EXACT} mode (default) every iteration
 * streams the examples in batches, folding them into per-centroid sums and counts — Lloyd's
 * algorithm on all cores without copying the data; {@code STOCHASTIC} mode uses Sculley's
 * mini-batch updates. Besides the usual {@code train(Dataset)}, {@link #train(DataSource, Map)}
 * trains straight from a re-iterable {@code DataSource} (such as {@code CSVDataSource}) that never
 * has to fit in memory.
 *
 * <p>Configured like Tribuo's {@code KMeansTrainer}: {@code @Config} fields, validated in
 * {@link #postConfig()}, usable from an OLCUT configuration file. Each call to {@code train} draws
 * its seed from the trainer's RNG, so {@link #setInvocationCount} reproduces the n-th call.
 */
public class MiniBatchKMeansTrainer implements Trainer<ClusterID> {

    /** How the centroids start: Tribuo's names for the parameter table's initializers. */
    public enum Initialisation {
        /** k distinct examples drawn uniformly. */
        RANDOM("random"),
        /** Greedy k-means++ on a sample of the data. */
        PLUSPLUS("k-means++"),
        /** k-means|| (scalable k-means++): a few oversampling passes over the data. */
        PARALLEL("k-means||");

        private final String name;

        Initialisation(String name) {
            this.name = name;
        }

        /** The initialisation the parameter table calls {@code name}. */
        static Initialisation named(String name) {
            for (Initialisation i : values()) {
                if (i.name.equals(name)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("no initialisation " + name);
        }

        Initializer toInitializer() {
            return Initializers.named(name);
        }
    }

    /**
     * How centroids move: Tribuo's own names for the core's modes, so that a saved model's provenance
     * names a class of this adapter.
     */
    public enum Mode {
        /** Lloyd's algorithm streamed in batches: exactly in-memory Lloyd. */
        EXACT(io.github.minibatchkmeans.core.Mode.EXACT),
        /** Sculley's mini-batch updates: approximate, faster. */
        STOCHASTIC(io.github.minibatchkmeans.core.Mode.STOCHASTIC),
        /**
         * One pass in bounded memory, nearly independent of example order (a streaming coreset, then
         * exact iterations on it); {@code train(DataSource)} then iterates the source once, so a
         * one-shot source works — its first example must name every feature.
         */
        ONE_PASS(io.github.minibatchkmeans.core.Mode.ONE_PASS);

        private final io.github.minibatchkmeans.core.Mode core;

        Mode(io.github.minibatchkmeans.core.Mode core) {
            this.core = core;
        }

        static Mode of(io.github.minibatchkmeans.core.Mode core) {
            for (Mode m : values()) {
                if (m.core == core) {
                    return m;
                }
            }
            throw new IllegalArgumentException("no mode " + core);
        }
    }

    // Docs and defaults are the parameter table's (Parameters), read here so that no front door restates them.

    @Config(mandatory = true, description = Parameters.Docs.K)
    private int centroids;

    @Config(mandatory = true, description = Parameters.Docs.MAX_ITERATIONS)
    private int iterations;

    @Config(mandatory = true, description = Parameters.Docs.SEED)
    private long seed;

    @Config(description = Parameters.Docs.THREADS)
    private int numThreads = tribuoDefault(Parameters.THREADS);

    @Config(description = Parameters.Docs.INIT)
    private Initialisation initialisationType = Initialisation.named(tribuoDefault(Parameters.INIT));

    @Config(description = Parameters.Docs.BATCH_SIZE)
    private int batchSize = tribuoDefault(Parameters.BATCH_SIZE);

    @Config(description = Parameters.Docs.MODE)
    private Mode mode = Mode.of(tribuoDefault(Parameters.MODE));

    /** The table's sentinel (-1) for the mode's default: provenance records no unset field. */
    @Config(description = Parameters.Docs.METRIC + " Tribuo's distances: L2Distance (the default) or CosineDistance.")
    private Distance dist = new L2Distance();

    @Config(description = Parameters.Docs.TOLERANCE + " -1: the mode's default.")
    private double tolerance = tribuoDefault(Parameters.TOLERANCE);

    @Config(description = Parameters.Docs.K_MAX + " The model's run provenance holds every k's scores (k-sweep).")
    private int maxCentroids = tribuoDefault(Parameters.K_MAX);

    @Config(description = Parameters.Docs.K_STEP)
    private int centroidStep = tribuoDefault(Parameters.K_STEP);

    @Config(description = Parameters.Docs.MISSING + " In Tribuo a missing value is a NaN feature value (which a Dataset "
            + "refuses, a DataSource may deliver, and predict fills with the training mean or, under ignore, leaves out); a "
            + "feature an example does not name is 0, Tribuo's sparse convention.")
    private MissingValues missing = tribuoDefault(Parameters.MISSING);

    private SplittableRandom rng;
    private int invocationCount;

    /** For OLCUT. */
    private MiniBatchKMeansTrainer() {
    }

    /**
     * The parameter table's defaults for everything but k, iterations and seed (EXACT mode, k-means++, one thread).
     *
     * @param centroids k, the number of clusters
     * @param iterations the iteration cap
     * @param seed the seed of every random choice
     */
    public MiniBatchKMeansTrainer(int centroids, int iterations, long seed) {
        this.centroids = centroids;
        this.iterations = iterations;
        this.seed = seed;
        postConfig();
    }

    /**
     * Every setting given; a {@code tolerance} of -1 takes the mode's default.
     *
     * @param centroids k, the number of clusters
     * @param iterations the iteration cap
     * @param initialisationType how the centroids start
     * @param mode exact, stochastic or one-pass
     * @param batchSize rows per mini-batch
     * @param numThreads threads a pass runs on
     * @param tolerance the convergence tolerance, or -1
     * @param seed the seed of every random choice
     */
    public MiniBatchKMeansTrainer(int centroids, int iterations, Initialisation initialisationType, Mode mode, int batchSize,
                                  int numThreads, double tolerance, long seed) {
        this.centroids = centroids;
        this.iterations = iterations;
        this.initialisationType = initialisationType;
        this.mode = mode;
        this.batchSize = batchSize;
        this.numThreads = numThreads;
        this.tolerance = tolerance;
        this.seed = seed;
        postConfig();
    }

    /**
     * Chooses k: every k from {@code centroids} to {@code maxCentroids} (by {@code centroidStep}) is
     * fitted in the same passes and scored; training returns the recommended k's model, with the
     * table of scores in its run provenance under {@link #SWEEP_PROVENANCE}.
     *
     * @param maxCentroids the largest k, or 0 to fit {@code centroids} alone
     * @param centroidStep the step between the k values
     * @return this trainer
     */
    public synchronized MiniBatchKMeansTrainer chooseK(int maxCentroids, int centroidStep) {
        this.maxCentroids = maxCentroids;
        this.centroidStep = centroidStep;
        postConfig();
        return this;
    }

    /** The run provenance key of a sweep's table of scores per k. */
    public static final String SWEEP_PROVENANCE = "k-sweep";
    /** The run provenance key of the k a sweep recommended. */
    public static final String RECOMMENDED_K_PROVENANCE = "recommended-k";
    /** The run provenance key of the number of missing values (NaN) training filled in or left out, when there were any. */
    public static final String MISSING_VALUES_PROVENANCE = "missing-values";

    /** The default of {@code parameter} in Tribuo: the parameter table's, with its recorded KMeansTrainer conventions. */
    private static <T> T tribuoDefault(Parameter<T> parameter) {
        return parameter.defaultIn(FrontDoor.TRIBUO).orElseThrow();
    }

    /** Validates by building the core's configuration once; its errors are reported under our field names. */
    @Override
    public synchronized void postConfig() {
        if (mode == null) {
            throw new PropertyException("", "mode", "mode must be EXACT or STOCHASTIC");
        }
        if (initialisationType == null) {
            throw new PropertyException("", "initialisationType", "initialisationType must be RANDOM, PLUSPLUS or PARALLEL");
        }
        try {
            config(seed);
        } catch (InvalidConfigException e) {
            String field = e.parameter().nameIn(FrontDoor.TRIBUO).orElse(e.field());
            throw new PropertyException("", field, field + " " + e.reason());
        }
        rng = new SplittableRandom(seed);
    }

    /** The core's metric for Tribuo's {@code dist}: L2 or cosine; any other is refused, naming the field. */
    private static Metric metricOf(Distance dist) {
        if (dist instanceof L2Distance) {
            return Metric.EUCLIDEAN;
        }
        if (dist instanceof CosineDistance) {
            return Metric.COSINE;
        }
        throw new InvalidConfigException(Parameters.METRIC, "must be L2Distance or CosineDistance (the sum/count update "
                + "minimizes those), got " + (dist == null ? "null" : dist.getClass().getSimpleName()));
    }

    /** The configuration a training call with {@code callSeed} runs with (package-private: the parameter-table test reads it). */
    KMeansConfig config(long callSeed) {
        KMeansConfig.Builder config = KMeansConfig.builder(centroids).mode(mode.core).initializer(initialisationType.toInitializer())
                .maxIterations(iterations).batchSize(batchSize).threads(numThreads).seed(callSeed).metric(metricOf(dist))
                .kMax(maxCentroids).kStep(centroidStep).missing(missing);
        boolean modeDefault = Parameters.TOLERANCE.in(FrontDoor.TRIBUO).orElseThrow().sentinel() == tolerance;
        return (modeDefault ? config : config.tolerance(tolerance)).build();
    }

    @Override
    public MiniBatchKMeansModel train(Dataset<ClusterID> examples, Map<String, Provenance> runProvenance) {
        return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
    }

    @Override
    public MiniBatchKMeansModel train(Dataset<ClusterID> examples) {
        return train(examples, Collections.emptyMap());
    }

    @Override
    public MiniBatchKMeansModel train(Dataset<ClusterID> examples, Map<String, Provenance> runProvenance, int invocationCount) {
        ImmutableFeatureMap features = examples.getFeatureIDMap();
        Run run = begin(invocationCount);
        Fitted fitted = fit(ExampleSource.of(examples), features, run.seed);
        return wrap(fitted, features, examples.getProvenance(), run.provenance, runProvenance);
    }

    /**
     * Trains from a {@code DataSource} without building a {@code Dataset}: a first pass collects the
     * feature names, then every pass re-iterates the source. The source must be re-iterable
     * (each {@code iterator()} call starts again), as {@code CSVDataSource} is.
     *
     * @param source the examples, re-iterable unless the mode is ONE_PASS
     * @param runProvenance provenance of this run
     * @return the model
     */
    public MiniBatchKMeansModel train(DataSource<ClusterID> source, Map<String, Provenance> runProvenance) {
        Run run = begin(INCREMENT_INVOCATION_COUNT);
        if (mode == Mode.ONE_PASS) {
            return trainInOnePass(source, runProvenance, run);
        }
        MutableFeatureMap discovered = new MutableFeatureMap();
        long count = 0;
        long featureValues = 0;
        for (Example<ClusterID> example : source) {
            for (Feature f : example) {
                discovered.add(f.getName(), f.getValue());
            }
            featureValues += example.size();
            count++;
        }
        if (count == 0 || discovered.size() == 0) {
            throw new IllegalArgumentException("The data source produced no examples with features: " + source);
        }
        ImmutableFeatureMap features = new ImmutableFeatureMap(discovered);
        Fitted fitted = fit(ExampleSource.of(source, features, count, featureValues), features, run.seed);
        DatasetProvenance data = new StreamedDatasetProvenance(source.getProvenance(), count, features.size(), fitted.model().k());
        return wrap(fitted, features, data, run.provenance, runProvenance);
    }

    /**
     * {@link Mode#ONE_PASS} over a source iterated exactly once: the features are those of the first
     * example (a later example with another feature is refused, naming it), every example goes into
     * the one-pass learner as it comes.
     */
    private MiniBatchKMeansModel trainInOnePass(DataSource<ClusterID> source, Map<String, Provenance> runProvenance, Run run) {
        java.util.Iterator<Example<ClusterID>> examples = source.iterator();
        if (!examples.hasNext()) {
            throw new IllegalArgumentException("The data source produced no examples: " + source);
        }
        Example<ClusterID> first = examples.next();
        MutableFeatureMap discovered = new MutableFeatureMap();
        for (Feature f : first) {
            discovered.add(f.getName(), f.getValue());
        }
        if (discovered.size() == 0) {
            throw new IllegalArgumentException("The first example has no features: " + source);
        }
        java.util.List<String> names = new java.util.ArrayList<>(discovered.keySet());
        java.util.Collections.sort(names);
        Map<String, Integer> column = new HashMap<>();
        for (String name : names) {
            column.put(name, column.size());
        }
        io.github.minibatchkmeans.core.OnePass pass;
        try {
            pass = new MiniBatchKMeans(config(run.seed)).onePass(names.size(), false);
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        long count = 0;
        double[] row = new double[names.size()];
        for (Example<ClusterID> example = first; example != null; example = examples.hasNext() ? examples.next() : null) {
            java.util.Arrays.fill(row, 0);
            for (Feature f : example) {
                Integer j = column.get(f.getName());
                if (j == null) {
                    throw new IllegalArgumentException("example " + (count + 1) + " has feature '" + f.getName()
                            + "', which the first example did not: one-pass training takes its features from the first example");
                }
                row[j] = f.getValue();
                discovered.add(f.getName(), f.getValue());
            }
            pass.add(row, example.getWeight());
            count++;
        }
        KMeansModel fitted;
        try {
            fitted = pass.finish();
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        ImmutableFeatureMap features = new ImmutableFeatureMap(discovered);
        DatasetProvenance data = new StreamedDatasetProvenance(source.getProvenance(), count, features.size(), centroids);
        return wrap(fitted, features, data, run.provenance, runProvenance);
    }

    /** The seed and provenance of one training call, taken under the trainer's lock. */
    private record Run(long seed, TrainerProvenance provenance) {
    }

    private synchronized Run begin(int requestedInvocation) {
        if (requestedInvocation != INCREMENT_INVOCATION_COUNT) {
            setInvocationCount(requestedInvocation);
        }
        long callSeed = rng.split().nextLong();
        TrainerProvenance provenance = getProvenance();
        invocationCount++;
        return new Run(callSeed, provenance);
    }

    /** A training's model, and the sweep over k that chose it (null when one k was fitted). */
    private record Fitted(KMeansModel model, KSweep sweep) {
    }

    private Fitted fit(ExampleSource source, ImmutableFeatureMap features, long callSeed) {
        if (features.size() == 0) {
            throw new IllegalArgumentException("No features in the training data");
        }
        try {
            KMeansConfig config = config(callSeed);
            if (config.choosesK()) {
                KSweep sweep = new MiniBatchKMeans(config).sweep(source);
                return new Fitted(sweep.recommended(), sweep);
            }
            return new Fitted(new MiniBatchKMeans(config).fit(source), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private MiniBatchKMeansModel wrap(Fitted fitted, ImmutableFeatureMap features, DatasetProvenance data,
                                      TrainerProvenance trainer, Map<String, Provenance> runProvenance) {
        if (fitted.sweep() == null) {
            return wrap(fitted.model(), features, data, trainer, runProvenance);
        }
        Map<String, Provenance> run = new HashMap<>(runProvenance);
        run.put(SWEEP_PROVENANCE, new StringProvenance(SWEEP_PROVENANCE, fitted.sweep().table()));
        run.put(RECOMMENDED_K_PROVENANCE, new IntProvenance(RECOMMENDED_K_PROVENANCE, fitted.sweep().recommendedK()));
        return wrap(fitted.model(), features, data, trainer, run);
    }

    private MiniBatchKMeansModel wrap(KMeansModel fitted, ImmutableFeatureMap features, DatasetProvenance data,
                                      TrainerProvenance trainer, Map<String, Provenance> runProvenance) {
        Map<Integer, MutableLong> counts = new HashMap<>();
        double[] sizes = fitted.sizes();
        for (int c = 0; c < sizes.length; c++) {
            counts.put(c, new MutableLong(Math.round(sizes[c])));
        }
        Map<String, Provenance> run = runProvenance;
        if (fitted.missingValues() > 0) { // a change to the data: said where the model says what it was trained on
            run = new HashMap<>(runProvenance);
            run.put(MISSING_VALUES_PROVENANCE, new LongProvenance(MISSING_VALUES_PROVENANCE, fitted.missingValues()));
        }
        ModelProvenance provenance = new ModelProvenance(MiniBatchKMeansModel.class.getName(), OffsetDateTime.now(), data,
                trainer, run);
        return new MiniBatchKMeansModel("minibatch-k-means-model", provenance, features, new ImmutableClusteringInfo(counts),
                fitted);
    }

    @Override
    public int getInvocationCount() {
        return invocationCount;
    }

    @Override
    public synchronized void setInvocationCount(int newCount) {
        if (newCount < 0) {
            throw new IllegalArgumentException("The supplied invocationCount is less than zero.");
        }
        rng = new SplittableRandom(seed);
        for (invocationCount = 0; invocationCount < newCount; invocationCount++) {
            rng.split();
        }
    }

    @Override
    public TrainerProvenance getProvenance() {
        return new TrainerProvenanceImpl(this);
    }

    @Override
    public String toString() {
        return "MiniBatchKMeansTrainer(centroids=" + centroids + ",iterations=" + iterations + ",mode=" + mode
                + ",initialisationType=" + initialisationType + ",batchSize=" + batchSize + ",numThreads=" + numThreads
                + ",tolerance=" + tolerance + ",dist=" + dist + ",seed=" + seed + ",invocationCount=" + invocationCount + ")";
    }
}
