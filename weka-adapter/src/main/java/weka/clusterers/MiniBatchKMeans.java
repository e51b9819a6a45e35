package weka.clusterers;

import io.github.minibatchkmeans.core.FrontDoor;
import io.github.minibatchkmeans.core.Initializers;
import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.KSweep;
import io.github.minibatchkmeans.core.Metric;
import io.github.minibatchkmeans.core.Nominal;
import io.github.minibatchkmeans.core.Mode;
import io.github.minibatchkmeans.core.OnePass;
import io.github.minibatchkmeans.core.Parameter;
import io.github.minibatchkmeans.core.Parameters;
import io.github.minibatchkmeans.core.spi.Initializer;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.io.ModelJson;
import io.github.minibatchkmeans.weka.AttributeEncoding;
import io.github.minibatchkmeans.weka.CentroidReport;
import io.github.minibatchkmeans.weka.InstancesSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Vector;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.DistanceFunction;
import weka.core.EuclideanDistance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Option;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.TechnicalInformation;
import weka.core.TechnicalInformation.Field;
import weka.core.TechnicalInformation.Type;
import weka.core.TechnicalInformationHandler;
import weka.core.Utils;
import weka.core.WeightedInstancesHandler;

/**
 * Mini-batch k-means for Weka. Batch training ({@code buildClusterer} on a data set) runs the
 * exact mode by default: every iteration reads the instances in mini-batches, folding them into
 * per-centroid sums and counts — the same centroids as SimpleKMeans' Lloyd iterations from the
 * same start, without copying the data set, on as many threads as asked — from several starts on
 * small data, keeping the best. Incremental training ({@code updateClusterer}, which
 * {@code weka.Run -t file} uses) keeps the instances until there are more than
 * {@link #INCREMENTAL_BUFFER}, and then trains exactly as batch training does; a longer stream
 * goes through the one-pass learner (a streaming coreset, then exact iterations with restarts on
 * it) in bounded memory, its result nearly independent of the order of the instances. Ranges,
 * means and the "Full Data" column always come from the whole stream. With {@code -stochastic},
 * incremental training runs Sculley's mini-batch updates instead.
 *
 * <p>Distances and centroids match SimpleKMeans': numeric attributes normalized to [0, 1] (unless
 * {@code -D}), nominal ones contributing 0 or 1 ({@code -nominal-weight}) with the cluster's most
 * frequent value as the centroid's (k-prototypes; {@code -nominal one-hot}: the value frequencies),
 * missing values replaced by means and modes (frequencies with one-hot).
 *
 * @serial exclude
 */
public class MiniBatchKMeans extends RandomizableClusterer
        implements NumberOfClustersRequestable, WeightedInstancesHandler, UpdateableClusterer, TechnicalInformationHandler {

    private static final long serialVersionUID = 1L;

    /**
     * {@code -init} values follow SimpleKMeans' numbering where the meaning is shared; k-means|| takes a number of its own.
     *
     */
    public static final int RANDOM = 0;
    /**
     * {@code -init 1}: k-means++ (the default).
     */
    public static final int KMEANS_PLUS_PLUS = 1;
    /** SimpleKMeans' Canopy start (-init 2): not offered here. */
    public static final int CANOPY = 2;
    /** SimpleKMeans' farthest-first start (-init 3): not offered here. */
    public static final int FARTHEST_FIRST = 3;
    /** k-means|| (-init 2 in 0.1.0, which clashed with SimpleKMeans' Canopy). */
    public static final int KMEANS_PARALLEL = 4;
    /** The initialization methods, as {@code -init} numbers them. */
    public static final Tag[] TAGS_INITIALIZATION = {new Tag(RANDOM, "Random"), new Tag(KMEANS_PLUS_PLUS, "k-means++"),
            new Tag(KMEANS_PARALLEL, "k-means||")};
    /** The metrics, as the Explorer lists them ({@code -metric} takes their names). */
    public static final Tag[] TAGS_METRIC = {new Tag(Metric.EUCLIDEAN.ordinal(), "euclidean", "Euclidean"),
            new Tag(Metric.COSINE.ordinal(), "cosine", "Cosine (spherical k-means)")};
    /** How centroids hold nominal attributes, as the Explorer lists them ({@code -nominal} takes their names). */
    public static final Tag[] TAGS_NOMINAL = {new Tag(Nominal.MODE.ordinal(), "mode", "Mode (k-prototypes, as SimpleKMeans)"),
            new Tag(Nominal.ONE_HOT.ordinal(), "one-hot", "One-hot (value frequencies)")};
    /** The parameter table's name of each {@code -init} tag. */
    private static final String[] INIT_NAMES = {"random", "k-means++", null, null, "k-means||"};

    private int numClusters = wekaDefault(Parameters.K);
    /** XMeans' -H: above -N, every k from -N to this is fitted and scored, and the best kept; 0: -N alone. */
    private int maxNumClusters = wekaDefault(Parameters.K_MAX);
    private int clusterStep = wekaDefault(Parameters.K_STEP);
    /** The scores of the last training's sweep over k, as a table; null when one k was fitted. */
    private String sweepTable;
    private int maxIterations = wekaDefault(Parameters.MAX_ITERATIONS);
    private int initializationMethod = initTag(wekaDefault(Parameters.INIT));
    private int batchSize = wekaDefault(Parameters.BATCH_SIZE);
    private boolean stochastic = wekaDefault(Parameters.MODE) == Mode.STOCHASTIC;
    private int numExecutionSlots = wekaDefault(Parameters.THREADS);
    /** Null: the mode's default (the parameter table's). */
    private Double tolerance;
    private boolean dontNormalize;
    /** Starts to try; 0: automatic (several on small data, see {@link Parameters#N_INIT}). */
    private int restarts = wekaDefault(Parameters.N_INIT);
    /** SimpleKMeans' -V: the report adds each numeric attribute's standard deviation per cluster. */
    private boolean displayStdDevs;
    /** SimpleKMeans' -O: keep each training instance's cluster, in order, for {@link #getAssignments()}. */
    private boolean preserveInstancesOrder;
    /** How instances and centroids are compared: Euclidean (SimpleKMeans'), or cosine (spherical k-means, for text). */
    private Metric metric = wekaDefault(Parameters.METRIC);
    private Nominal nominal = wekaDefault(Parameters.NOMINAL);
    private double nominalWeight = wekaDefault(Parameters.NOMINAL_WEIGHT);
    /** The distance SimpleKMeans' -A names: only squared Euclidean is k-means' (the mean minimises it). */
    private DistanceFunction distanceFunction = new EuclideanDistance();

    /** Instances incremental training keeps whole before it switches to the one-pass learner. */
    public static final int INCREMENTAL_BUFFER = 65_536;

    private AttributeEncoding encoding;
    /** Serialized as the project's model document ({@link #writeObject}), as every front door saves models. */
    private transient KMeansModel model;
    /** How the model was trained, for the report. */
    private String training = "";
    /** Statistics of all the training instances: the report's "Full Data" column. */
    private AttributeEncoding wholeData;
    /** Each training instance's cluster (with -O), or null. */
    private int[] assignments;
    /** With -V: per attribute, the standard deviation in the whole data (column 0) and in each cluster; or null. */
    private double[][] stdDevs;

    /** State of incremental training; not part of a saved model. */
    private transient Instances buffer;
    private transient io.github.minibatchkmeans.core.MiniBatchKMeans learner;
    private transient AttributeEncoding.Accumulator seen;
    private transient AttributeEncoding streamEncoding;
    private transient OnePass onePass;

    /**
     * A clusterer with the defaults (SimpleKMeans' where it has the option: 2 clusters, seed 10).
     */
    public MiniBatchKMeans() {
        m_SeedDefault = (int) (long) wekaDefault(Parameters.SEED);
        setSeed(m_SeedDefault);
    }

    /** The default of {@code parameter} in Weka: the parameter table's, with its recorded SimpleKMeans conventions. */
    private static <T> T wekaDefault(Parameter<T> parameter) {
        return parameter.defaultIn(FrontDoor.WEKA).orElseThrow();
    }

    /** The {@code -init} tag of the table's initializer {@code name}. */
    private static int initTag(String name) {
        return java.util.Arrays.asList(INIT_NAMES).indexOf(name);
    }

    /** {@code value} if Weka takes it for {@code parameter}, else the error naming the option. */
    private static <T> T checked(Parameter<T> parameter, T value) throws Exception {
        if (!parameter.acceptsIn(FrontDoor.WEKA, value)) {
            throw new Exception(parameter.nameIn(FrontDoor.WEKA).orElseThrow() + ": " + parameter.problem(value));
        }
        return value;
    }

    /** Weka's option for {@code parameter}: the table's doc and the default Weka uses. */
    private static Option option(Parameter<?> parameter, int arguments, String synopsis) {
        String flag = parameter.nameIn(FrontDoor.WEKA).orElseThrow().substring(1);
        String shown = parameter.in(FrontDoor.WEKA).map(e -> e.defaultValue()).map(String::valueOf).orElse(parameter.defaultText());
        return new Option("\t" + parameter.doc() + "\n\t(default " + shown + ").", flag, arguments, synopsis);
    }

    /**
     * The Explorer's description of the clusterer.
     *
     * @return the description
     */
    public String globalInfo() {
        return "Mini-batch k-means: k-means for data sets of any size. In exact mode (the default for batch training) "
                + "each iteration streams the instances in mini-batches and folds them into per-centroid sums and counts, "
                + "giving exactly the centroids of Lloyd's algorithm (SimpleKMeans) from the same start, in memory that "
                + "does not grow with the data and on several threads. In stochastic mode each mini-batch moves the "
                + "centroids with per-centroid learning rates (Sculley 2010). On small data several starts are tried and the "
                + "best kept. Incremental training (updateClusterer, as used by weka.Run -t) trains exactly when the "
                + "instances fit in memory, and otherwise in one pass over a streaming coreset, whatever their order."
                + "\n\nFor more information see:\n\n"
                + getTechnicalInformation().toString();
    }

    @Override
    public TechnicalInformation getTechnicalInformation() {
        TechnicalInformation info = new TechnicalInformation(Type.INPROCEEDINGS);
        info.setValue(Field.AUTHOR, "D. Sculley");
        info.setValue(Field.TITLE, "Web-scale k-means clustering");
        info.setValue(Field.BOOKTITLE, "Proceedings of the 19th International Conference on World Wide Web");
        info.setValue(Field.YEAR, "2010");
        info.setValue(Field.PAGES, "1177-1178");
        info.setValue(Field.PUBLISHER, "ACM");
        TechnicalInformation lloyd = info.add(Type.ARTICLE);
        lloyd.setValue(Field.AUTHOR, "S. Lloyd");
        lloyd.setValue(Field.TITLE, "Least squares quantization in PCM");
        lloyd.setValue(Field.JOURNAL, "IEEE Transactions on Information Theory");
        lloyd.setValue(Field.VOLUME, "28");
        lloyd.setValue(Field.NUMBER, "2");
        lloyd.setValue(Field.YEAR, "1982");
        lloyd.setValue(Field.PAGES, "129-137");
        return info;
    }

    @Override
    public Capabilities getCapabilities() {
        Capabilities result = super.getCapabilities();
        result.disableAll();
        result.enable(Capability.NO_CLASS);
        result.enable(Capability.NUMERIC_ATTRIBUTES);
        result.enable(Capability.NOMINAL_ATTRIBUTES);
        result.enable(Capability.MISSING_VALUES);
        return result;
    }

    /** The configuration a fit in {@code mode} runs with (package-private: the parameter-table test reads it). */
    KMeansConfig config(Mode mode) {
        return builder(mode).build();
    }

    /** The configuration a fit in {@code mode} of rows {@code encoding} makes runs with: its nominal attributes declared. */
    private KMeansConfig config(Mode mode, AttributeEncoding encoding) {
        return encoding.declareNominal(builder(mode)).build();
    }

    private KMeansConfig.Builder builder(Mode mode) {
        KMeansConfig.Builder config = KMeansConfig.builder(numClusters).mode(mode).initializer(initializer())
                .maxIterations(maxIterations).batchSize(batchSize).threads(numExecutionSlots).seed(getSeed()).nInit(restarts)
                .metric(metric).kMax(maxNumClusters).kStep(clusterStep).nominal(nominal).nominalWeight(nominalWeight);
        return tolerance != null ? config.tolerance(tolerance) : config;
    }

    /** {@code encoding} with the nominal attributes' value and imputation this clusterer's options give. */
    private AttributeEncoding nominalAsSet(AttributeEncoding encoding) {
        return encoding.forNominal(config(Mode.EXACT));
    }

    private Initializer initializer() {
        return Initializers.named(INIT_NAMES[initializationMethod]);
    }

    /**
     * Batch training on {@code data}; an empty data set (a header) starts incremental training
     * instead, continued by {@link #updateClusterer} and finished by {@link #updateFinished}.
     */
    @Override
    public void buildClusterer(Instances data) throws Exception {
        getCapabilities().testWithFail(data);
        model = null;
        encoding = null;
        assignments = null;
        stdDevs = null;
        learner = null;
        onePass = null;
        if (data.numInstances() == 0) {
            buffer = new Instances(data, 1024);
            seen = new AttributeEncoding.Accumulator(new Instances(data, 0));
            return;
        }
        train(data);
        wholeData = encoding;
        training = stochastic ? "stochastic (Sculley's mini-batch updates)" : "exact (Lloyd iterations over mini-batches)";
    }

    /** Batch training on instances in memory. */
    private void train(Instances data) throws Exception {
        encoding = nominalAsSet(AttributeEncoding.fit(data, data, !dontNormalize));
        KMeansConfig config = config(stochastic ? Mode.STOCHASTIC : Mode.EXACT, encoding);
        try {
            sweepTable = null;
            if (config.choosesK()) {
                KSweep sweep = new io.github.minibatchkmeans.core.MiniBatchKMeans(config).sweep(new InstancesSource(data, encoding));
                model = sweep.recommended();
                sweepTable = sweep.table();
            } else {
                model = new io.github.minibatchkmeans.core.MiniBatchKMeans(config).fit(new InstancesSource(data, encoding));
            }
        } catch (InvalidInputException e) {
            throw new Exception(explain(e), e);
        }
        if (preserveInstancesOrder || displayStdDevs) {
            describeMembers(data);
        }
    }

    /** One more pass over the training instances: their clusters (-O) and each cluster's spread (-V). */
    private void describeMembers(Instances data) throws java.io.IOException {
        int k = model.k();
        int attributes = data.numAttributes();
        int[] clusters = new int[data.numInstances()];
        // labelled as clusterInstance labels them, in parallel, without a buffer per instance
        model.predict(new InstancesSource(data, encoding), (row, label, distance) -> clusters[(int) row] = label);
        assignments = preserveInstancesOrder ? clusters : null;
        if (!displayStdDevs) {
            return;
        }
        // per cluster (columns 1..k) and for the whole data (column 0, the clusters' sums added up)
        double[][] weight = new double[k + 1][attributes];
        double[][] sum = new double[k + 1][attributes];
        double[][] sumOfSquares = new double[k + 1][attributes];
        for (int i = 0; i < clusters.length; i++) {
            Instance instance = data.instance(i);
            int column = clusters[i] + 1;
            for (int a = 0; a < attributes; a++) {
                if (a != data.classIndex() && data.attribute(a).isNumeric() && !instance.isMissing(a)) {
                    double w = instance.weight();
                    double v = instance.value(a);
                    weight[column][a] += w;
                    sum[column][a] += w * v;
                    sumOfSquares[column][a] += w * v * v;
                }
            }
        }
        for (int column = 1; column <= k; column++) {
            for (int a = 0; a < attributes; a++) {
                weight[0][a] += weight[column][a];
                sum[0][a] += sum[column][a];
                sumOfSquares[0][a] += sumOfSquares[column][a];
            }
        }
        stdDevs = new double[attributes][k + 1];
        for (int a = 0; a < attributes; a++) {
            for (int column = 0; column <= k; column++) {
                // Weka's weighted sample variance (Instances.variance): divided by the total weight less one
                double w = weight[column][a];
                double variance = (sumOfSquares[column][a] - sum[column][a] * sum[column][a] / w) / (w - 1);
                stdDevs[a][column] = w > 1 ? Math.sqrt(Math.max(0, variance)) : (w > 0 ? 0 : Double.NaN);
            }
        }
    }

    private String explain(InvalidInputException e) {
        return "MiniBatchKMeans: " + e.getMessage().replace("number of rows", "number of instances");
    }

    @Override
    public void updateClusterer(Instance instance) throws Exception {
        if (seen == null) {
            throw new IllegalStateException("call buildClusterer with the data's header before updateClusterer");
        }
        seen.add(instance);
        if (onePass != null) {
            feed(instance);
            return;
        }
        buffer.add(instance);
        if (stochastic && buffer.numInstances() >= batchSize) {
            step();
        } else if (!stochastic && buffer.numInstances() > INCREMENTAL_BUFFER) {
            // too many to keep: from now on one pass in bounded memory, missing values by the means so far
            refuseSweep("more than " + INCREMENTAL_BUFFER + " instances given one at a time (train with buildClusterer on the "
                    + "data set instead)");
            streamEncoding = nominalAsSet(seen.build(false));
            onePass = new io.github.minibatchkmeans.core.MiniBatchKMeans(config(Mode.EXACT, streamEncoding))
                    .onePass(streamEncoding.dimensions(), !dontNormalize);
            for (int i = 0; i < buffer.numInstances(); i++) {
                feed(buffer.instance(i));
            }
            buffer = null;
        }
    }

    /** Fails, naming -H, when a range of k is asked of a training that fits one k as it goes ({@code what}). */
    private void refuseSweep(String what) {
        if (maxNumClusters > numClusters) {
            throw new IllegalStateException("-H " + maxNumClusters + ": choosing k fits every k in exact passes over instances "
                    + "it can read again, not " + what);
        }
    }

    /** Adds one instance, in raw units, to the one-pass learner. */
    private void feed(Instance instance) {
        double[] row = new double[streamEncoding.dimensions()];
        streamEncoding.encode(instance, row, 0);
        onePass.add(row, instance.weight());
    }

    @Override
    public void updateFinished() {
        try {
            if (stochastic) {
                if (buffer != null && buffer.numInstances() > 0) {
                    step();
                }
                if (learner == null) {
                    throw new IllegalStateException("MiniBatchKMeans: no instances were given to updateClusterer");
                }
                model = learner.model();
                encoding = streamEncoding; // the updates' scale: the first mini-batch's ranges
                wholeData = nominalAsSet(seen.build(!dontNormalize));
                training = "stochastic (Sculley's mini-batch updates, one pass)";
            } else if (onePass == null) {
                if (buffer == null || buffer.numInstances() == 0) {
                    throw new IllegalStateException("MiniBatchKMeans: no instances were given to updateClusterer");
                }
                train(buffer);
                wholeData = encoding;
                training = "exact (Lloyd iterations over mini-batches; all " + buffer.numInstances()
                        + " instances kept in memory)";
            } else {
                encoding = nominalAsSet(seen.build(!dontNormalize));
                wholeData = encoding;
                model = onePass.finish(encoding.shift(), encoding.scale());
                training = "one pass (" + onePass.rows() + " instances summarized by a streaming coreset, then exact "
                        + "Lloyd iterations on it)";
            }
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        } finally {
            learner = null;
            buffer = null;
            onePass = null;
            seen = null;
            streamEncoding = null;
        }
    }

    /** One stochastic step on the buffered instances; the first buffer fixes the scale the updates use. */
    private void step() throws Exception {
        refuseSweep("stochastic updates");
        if (learner == null) {
            streamEncoding = nominalAsSet(AttributeEncoding.fit(buffer, buffer, !dontNormalize));
            learner = new io.github.minibatchkmeans.core.MiniBatchKMeans(config(Mode.STOCHASTIC, streamEncoding));
        }
        int n = buffer.numInstances();
        double[][] rows = new double[n][streamEncoding.dimensions()];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            streamEncoding.encode(buffer.instance(i), rows[i], 0);
            weights[i] = buffer.instance(i).weight();
        }
        try {
            learner.partialFit(rows, weights);
        } catch (InvalidInputException e) {
            throw new Exception(explain(e), e);
        }
        buffer.delete();
    }

    @Override
    public int clusterInstance(Instance instance) throws Exception {
        if (model == null) {
            throw new Exception("No clusterer built yet!");
        }
        String mismatch = encoding.mismatch(instance);
        if (mismatch != null) {
            throw new Exception("MiniBatchKMeans: " + mismatch);
        }
        double[] row = new double[encoding.dimensions()];
        encoding.encode(instance, row, 0);
        return model.predict(row);
    }

    /**
     * The number of clusters.
     *
     * @return k
     */
    @Override
    public int numberOfClusters() throws Exception {
        return model != null ? model.k() : numClusters; // a sweep over k chose its own
    }

    /**
     * The fitted engine model (encoded space), or null before training.
     *
     * @return the model, or null
     */
    public KMeansModel getModel() {
        return model;
    }

    /**
     * The centroids as {@code SimpleKMeans.getClusterCentroids()} gives them: one instance per
     * cluster, in the training header's attributes and original units (a nominal attribute takes
     * its most frequent value; the class attribute, not clustered on, is missing).
     *
     * @return one instance per cluster
     */
    public Instances getClusterCentroids() {
        Instances centroids = new Instances(encoding.header(), model.k());
        for (double[] values : centroidValues()) {
            centroids.add(new weka.core.DenseInstance(1.0, values));
        }
        return centroids;
    }

    /**
     * The within-cluster sum of squared errors, as {@code SimpleKMeans.getSquaredError()} (in the encoded, normalized space).
     *
     * @return the SSE
     */
    public double getSquaredError() {
        return model.inertia();
    }

    /**
     * The weight of each cluster's instances, as {@code SimpleKMeans.getClusterSizes()}.
     *
     * @return one weight per cluster
     */
    public double[] getClusterSizes() {
        return model.sizes();
    }

    /**
     * The cluster of each training instance, in the order they were given, as
     * {@code SimpleKMeans.getAssignments()}: only with {@code -O} (preserve instances order).
     *
     * @return one cluster index per training instance
     * @throws Exception without {@code -O}, or when the training kept no instances (a one-pass or
     *         stochastic incremental stream)
     */
    public int[] getAssignments() throws Exception {
        if (!preserveInstancesOrder) {
            throw new Exception("The assignments are only available when order of instances is preserved (-O)");
        }
        if (assignments == null) {
            throw new Exception("No assignments made: incremental training over " + INCREMENTAL_BUFFER
                    + " instances, or in stochastic mode, keeps no instances");
        }
        return assignments.clone();
    }

    /** The centroids in the original attribute space: numeric values, nominal value indices (NaN: the class). */
    private double[][] centroidValues() {
        double[][] centroids = new double[model.k()][];
        for (int c = 0; c < model.k(); c++) {
            centroids[c] = encoding.decode(model.centroid(c));
        }
        return centroids;
    }

    @Override
    public String toString() {
        if (model == null) {
            return "No clusterer built yet!";
        }
        boolean online = model.mode() == Mode.STOCHASTIC;
        StringBuilder s = new StringBuilder("\nMini-batch k-means\n==================\n\n");
        s.append("Mode: ").append(training).append('\n');
        if (sweepTable != null) {
            s.append("Number of clusters chosen from ").append(numClusters).append(" to ").append(maxNumClusters)
                    .append(clusterStep > 1 ? " by " + clusterStep : "").append(" (each fitted in the same passes): ")
                    .append(model.k()).append("\n\n").append(sweepTable).append("\n\n");
        }
        s.append(online ? "Number of mini-batches: " : "Number of iterations: ").append(model.iterations()).append('\n');
        s.append(online ? "Within cluster sum of squared errors (summed over the mini-batches as seen): "
                : "Within cluster sum of squared errors: ").append(Utils.doubleToString(model.inertia(), 4)).append("\n");
        Instances header = encoding.header();
        model.initialCentroids().ifPresent(initial -> {
            s.append("\nInitial starting points (").append(new SelectedTag(initializationMethod, TAGS_INITIALIZATION)
                    .getSelectedTag().getReadable()).append(model.mode() == Mode.ONE_PASS ? ", on the coreset" : "")
                    .append(", of the best start):\n");
            for (int c = 0; c < initial.length; c++) {
                s.append("Cluster ").append(c).append(": ").append(CentroidReport.describe(header, encoding.decode(initial[c])))
                        .append('\n');
            }
        });
        s.append("\nMissing values globally replaced with mean/mode\n");
        if (encoding.normalizes()) {
            s.append(online ? "Numeric attributes normalized to [0,1] by the ranges of the first mini-batch:\n"
                    + encoding.describeRanges() : "Numeric attributes normalized to [0,1] by their ranges in the training data\n");
        }
        s.append("\nFinal cluster centroids").append(online ? " (sizes: instances each centroid took during the updates)" : "")
                .append(":\n");
        s.append(CentroidReport.render(header, wholeData.fullData(), wholeData.totalWeight(), centroidValues(),
                model.sizes(), stdDevs));
        if (displayStdDevs && stdDevs == null) {
            s.append("(No standard deviations: this training kept no instances to measure them on.)\n");
        }
        return s.toString();
    }

    // ---- options ----

    @Override
    public Enumeration<Option> listOptions() {
        Vector<Option> options = new Vector<>();
        options.add(option(Parameters.K, 1, "-N <num>"));
        options.add(option(Parameters.K_MAX, 1, "-H <num>"));
        options.add(option(Parameters.K_STEP, 1, "-k-step <num>"));
        options.add(option(Parameters.MAX_ITERATIONS, 1, "-I <num>"));
        options.add(new Option("\t" + Parameters.INIT.doc() + "\n\t0 = random, 1 = k-means++, 4 = k-means|| (SimpleKMeans' 2, "
                + "Canopy, and 3, farthest first, are not offered).\n\t(default 1).", "init", 1, "-init <num>"));
        options.add(option(Parameters.BATCH_SIZE, 1, "-batch-size <num>"));
        options.add(new Option("\tStochastic mode. " + Parameters.MODE.doc() + "\n\t(default exact; one-pass by itself for long "
                + "incremental streams).", "stochastic", 0, "-stochastic"));
        options.add(option(Parameters.THREADS, 1, "-num-slots <num>"));
        options.add(option(Parameters.TOLERANCE, 1, "-tol <num>"));
        options.add(new Option("\tDo not normalize numeric attributes to [0,1].", "D", 0, "-D"));
        options.add(option(Parameters.N_INIT, 1, "-restarts <num>"));
        options.add(option(Parameters.METRIC, 1, "-metric <euclidean|cosine>"));
        options.add(option(Parameters.NOMINAL, 1, "-nominal <mode|one-hot>"));
        options.add(option(Parameters.NOMINAL_WEIGHT, 1, "-nominal-weight <num>"));
        options.add(new Option("\tDisplay std. deviations for centroids.", "V", 0, "-V"));
        options.add(new Option("\tPreserve order of instances (getAssignments()).", "O", 0, "-O"));
        options.add(new Option("\tDistance function to use: weka.core.EuclideanDistance only (k-means' mean minimises\n"
                + "\tsquared Euclidean distance).\n\t(default: weka.core.EuclideanDistance)", "A", 1, "-A <classname and options>"));
        options.addAll(Collections.list(super.listOptions()));
        return options.elements();
    }

    @Override
    public void setOptions(String[] options) throws Exception {
        String n = Utils.getOption('N', options);
        setNumClusters(n.isEmpty() ? wekaDefault(Parameters.K) : Integer.parseInt(n));
        String h = Utils.getOption('H', options);
        setMaxNumClusters(h.isEmpty() ? wekaDefault(Parameters.K_MAX) : Integer.parseInt(h));
        String step = Utils.getOption("k-step", options);
        setClusterStep(step.isEmpty() ? wekaDefault(Parameters.K_STEP) : Integer.parseInt(step));
        String i = Utils.getOption('I', options);
        setMaxIterations(i.isEmpty() ? wekaDefault(Parameters.MAX_ITERATIONS) : Integer.parseInt(i));
        String init = Utils.getOption("init", options);
        int tag = init.isEmpty() ? initTag(wekaDefault(Parameters.INIT)) : Integer.parseInt(init);
        if (tag == CANOPY || tag == FARTHEST_FIRST) {
            throw new Exception("-init " + tag + " is SimpleKMeans' " + (tag == CANOPY ? "Canopy" : "farthest-first")
                    + " start, which MiniBatchKMeans does not offer; use -init 0 (random), 1 (k-means++) or 4 (k-means||, "
                    + "which was -init 2 before version 0.2.0)");
        }
        setInitializationMethod(new SelectedTag(tag, TAGS_INITIALIZATION));
        String batch = Utils.getOption("batch-size", options);
        setBatchSize(batch.isEmpty() ? wekaDefault(Parameters.BATCH_SIZE) : Integer.parseInt(batch));
        setStochastic(Utils.getFlag("stochastic", options));
        String slots = Utils.getOption("num-slots", options);
        setNumExecutionSlots(slots.isEmpty() ? wekaDefault(Parameters.THREADS) : Integer.parseInt(slots));
        String tol = Utils.getOption("tol", options);
        tolerance = tol.isEmpty() ? null : checked(Parameters.TOLERANCE, Double.parseDouble(tol));
        setDontNormalize(Utils.getFlag('D', options));
        String starts = Utils.getOption("restarts", options);
        setRestarts(starts.isEmpty() ? wekaDefault(Parameters.N_INIT) : Integer.parseInt(starts));
        String metricName = Utils.getOption("metric", options);
        setMetric(new SelectedTag(metricName.isEmpty() ? wekaDefault(Parameters.METRIC).ordinal() : metricTag(metricName),
                TAGS_METRIC));
        String nominalName = Utils.getOption("nominal", options);
        setNominal(new SelectedTag(nominalName.isEmpty() ? wekaDefault(Parameters.NOMINAL).ordinal() : nominalTag(nominalName),
                TAGS_NOMINAL));
        String weight = Utils.getOption("nominal-weight", options);
        setNominalWeight(weight.isEmpty() ? wekaDefault(Parameters.NOMINAL_WEIGHT) : Double.parseDouble(weight));
        setDisplayStdDevs(Utils.getFlag('V', options));
        setPreserveInstancesOrder(Utils.getFlag('O', options));
        if (Utils.getFlag('M', options)) {
            throw new Exception("-M (don't replace missing values) is SimpleKMeans' option; MiniBatchKMeans always replaces "
                    + "missing values with the training data's means and modes, as SimpleKMeans does without -M");
        }
        String distance = Utils.getOption('A', options);
        if (!distance.isEmpty()) {
            String[] spec = Utils.splitOptions(distance);
            String name = spec[0];
            spec[0] = "";
            setDistanceFunction((DistanceFunction) Utils.forName(DistanceFunction.class, name, spec));
        }
        super.setOptions(options);
        Utils.checkForRemainingOptions(options);
    }

    @Override
    public String[] getOptions() {
        List<String> options = new ArrayList<>(List.of("-N", "" + numClusters, "-I", "" + maxIterations,
                "-init", "" + initializationMethod, "-batch-size", "" + batchSize, "-num-slots", "" + numExecutionSlots,
                "-restarts", "" + restarts));
        if (maxNumClusters != 0) {
            Collections.addAll(options, "-H", "" + maxNumClusters, "-k-step", "" + clusterStep);
        }
        if (tolerance != null) {
            Collections.addAll(options, "-tol", "" + tolerance);
        }
        if (stochastic) {
            options.add("-stochastic");
        }
        if (dontNormalize) {
            options.add("-D");
        }
        if (metric != wekaDefault(Parameters.METRIC)) {
            Collections.addAll(options, "-metric", metric.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (nominal != wekaDefault(Parameters.NOMINAL)) {
            Collections.addAll(options, "-nominal", nominal.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
        if (nominalWeight != wekaDefault(Parameters.NOMINAL_WEIGHT)) {
            Collections.addAll(options, "-nominal-weight", "" + nominalWeight);
        }
        if (displayStdDevs) {
            options.add("-V");
        }
        if (preserveInstancesOrder) {
            options.add("-O");
        }
        Collections.addAll(options, super.getOptions());
        return options.toArray(new String[0]);
    }

    // ---- properties, each with the tip text the GUI shows ----

    /**
     * The Explorer's tip for {@code numClusters}.
     *
     * @return the tip
     */
    public String numClustersTipText() {
        return Parameters.K.doc();
    }

    /**
     * The {@code numClusters} setting (see {@link #numClustersTipText()}).
     *
     * @return the setting
     */
    public int getNumClusters() {
        return numClusters;
    }

    /**
     * Sets {@code numClusters} (see {@link #numClustersTipText()}).
     *
     * @param n the setting
     * @throws Exception when the value is out of range, naming the option
     */
    @Override
    public void setNumClusters(int n) throws Exception {
        numClusters = checked(Parameters.K, n);
    }

    /**
     * The Explorer's tip for {@code maxIterations}.
     *
     * @return the tip
     */
    public String maxIterationsTipText() {
        return Parameters.MAX_ITERATIONS.doc();
    }

    /**
     * The {@code maxIterations} setting (see {@link #maxIterationsTipText()}).
     *
     * @return the setting
     */
    public int getMaxIterations() {
        return maxIterations;
    }

    /**
     * Sets {@code maxIterations} (see {@link #maxIterationsTipText()}).
     *
     * @param n the setting
     * @throws Exception when the value is out of range, naming the option
     */
    public void setMaxIterations(int n) throws Exception {
        maxIterations = checked(Parameters.MAX_ITERATIONS, n);
    }

    /**
     * The Explorer's tip for {@code initializationMethod}.
     *
     * @return the tip
     */
    public String initializationMethodTipText() {
        return Parameters.INIT.doc();
    }

    /**
     * The {@code initializationMethod} setting (see {@link #initializationMethodTipText()}).
     *
     * @return the setting
     */
    public SelectedTag getInitializationMethod() {
        return new SelectedTag(initializationMethod, TAGS_INITIALIZATION);
    }

    /**
     * Sets {@code initializationMethod} (see {@link #initializationMethodTipText()}).
     *
     * @param method the setting
     */
    public void setInitializationMethod(SelectedTag method) {
        if (method.getTags() == TAGS_INITIALIZATION) {
            initializationMethod = method.getSelectedTag().getID();
        }
    }

    /**
     * The Explorer's tip for {@code batchSize}.
     *
     * @return the tip
     */
    public String batchSizeTipText() {
        return Parameters.BATCH_SIZE.doc();
    }

    /**
     * The {@code batchSize} setting (see {@link #batchSizeTipText()}).
     *
     * @return the setting
     */
    public int getBatchSize() {
        return batchSize;
    }

    /**
     * Sets {@code batchSize} (see {@link #batchSizeTipText()}).
     *
     * @param size the setting
     * @throws Exception when the value is out of range, naming the option
     */
    public void setBatchSize(int size) throws Exception {
        batchSize = checked(Parameters.BATCH_SIZE, size);
    }

    /**
     * The Explorer's tip for {@code stochastic}.
     *
     * @return the tip
     */
    public String stochasticTipText() {
        return "Stochastic mode. " + Parameters.MODE.doc();
    }

    /**
     * The {@code stochastic} setting (see {@link #stochasticTipText()}).
     *
     * @return the setting
     */
    public boolean getStochastic() {
        return stochastic;
    }

    /**
     * Sets {@code stochastic} (see {@link #stochasticTipText()}).
     *
     * @param stochastic the setting
     */
    public void setStochastic(boolean stochastic) {
        this.stochastic = stochastic;
    }

    /**
     * The Explorer's tip for {@code numExecutionSlots}.
     *
     * @return the tip
     */
    public String numExecutionSlotsTipText() {
        return Parameters.THREADS.doc();
    }

    /**
     * The {@code numExecutionSlots} setting (see {@link #numExecutionSlotsTipText()}).
     *
     * @return the setting
     */
    public int getNumExecutionSlots() {
        return numExecutionSlots;
    }

    /**
     * Sets {@code numExecutionSlots} (see {@link #numExecutionSlotsTipText()}).
     *
     * @param slots the setting
     * @throws Exception when the value is out of range, naming the option
     */
    public void setNumExecutionSlots(int slots) throws Exception {
        numExecutionSlots = checked(Parameters.THREADS, slots);
    }

    /**
     * The Explorer's tip for {@code tolerance}.
     *
     * @return the tip
     */
    public String toleranceTipText() {
        return Parameters.TOLERANCE.doc() + " Default: " + Parameters.TOLERANCE.defaultText() + ".";
    }

    /**
     * The tolerance in effect: as set, else the current mode's default.
     *
     * @return the tolerance
     */
    public double getTolerance() {
        return tolerance != null ? tolerance : Parameters.TOLERANCE.defaultIn(FrontDoor.WEKA,
                stochastic ? Mode.STOCHASTIC : Mode.EXACT).orElseThrow();
    }

    /**
     * Sets {@code tolerance} (see {@link #toleranceTipText()}).
     *
     * @param tolerance the setting
     * @throws Exception when the value is out of range, naming the option
     */
    public void setTolerance(double tolerance) throws Exception {
        this.tolerance = checked(Parameters.TOLERANCE, tolerance);
    }

    /**
     * The Explorer's tip for {@code dontNormalize}.
     *
     * @return the tip
     */
    public String dontNormalizeTipText() {
        return "Do not normalize numeric attributes to [0,1] (SimpleKMeans' EuclideanDistance normalizes them).";
    }

    /**
     * The {@code dontNormalize} setting (see {@link #dontNormalizeTipText()}).
     *
     * @return the setting
     */
    public boolean getDontNormalize() {
        return dontNormalize;
    }

    /**
     * Sets {@code dontNormalize} (see {@link #dontNormalizeTipText()}).
     *
     * @param dontNormalize the setting
     */
    public void setDontNormalize(boolean dontNormalize) {
        this.dontNormalize = dontNormalize;
    }

    /**
     * The Explorer's tip for {@code maxNumClusters}.
     *
     * @return the tip
     */
    public String maxNumClustersTipText() {
        return Parameters.K_MAX.doc();
    }

    /**
     * The {@code maxNumClusters} setting, XMeans' -H (see {@link #maxNumClustersTipText()}).
     *
     * @return the setting
     */
    public int getMaxNumClusters() {
        return maxNumClusters;
    }

    /**
     * Sets {@code maxNumClusters} (see {@link #maxNumClustersTipText()}).
     *
     * @param maxNumClusters the largest k to try, or 0
     * @throws Exception when the value is out of range, naming the option
     */
    public void setMaxNumClusters(int maxNumClusters) throws Exception {
        this.maxNumClusters = checked(Parameters.K_MAX, maxNumClusters);
    }

    /**
     * The Explorer's tip for {@code clusterStep}.
     *
     * @return the tip
     */
    public String clusterStepTipText() {
        return Parameters.K_STEP.doc();
    }

    /**
     * The {@code clusterStep} setting (see {@link #clusterStepTipText()}).
     *
     * @return the setting
     */
    public int getClusterStep() {
        return clusterStep;
    }

    /**
     * Sets {@code clusterStep} (see {@link #clusterStepTipText()}).
     *
     * @param clusterStep the step between the k values tried
     * @throws Exception when the value is out of range, naming the option
     */
    public void setClusterStep(int clusterStep) throws Exception {
        this.clusterStep = checked(Parameters.K_STEP, clusterStep);
    }

    /**
     * The Explorer's tip for {@code restarts}.
     *
     * @return the tip
     */
    public String restartsTipText() {
        return Parameters.N_INIT.doc();
    }

    /**
     * The {@code restarts} setting (see {@link #restartsTipText()}).
     *
     * @return the setting
     */
    public int getRestarts() {
        return restarts;
    }

    /**
     * Sets {@code restarts} (see {@link #restartsTipText()}).
     *
     * @param restarts the setting
     * @throws Exception when the value is out of range, naming the option
     */
    public void setRestarts(int restarts) throws Exception {
        this.restarts = checked(Parameters.N_INIT, restarts);
    }

    /** The metric of {@code -metric} {@code name} (any case), else the error naming the option and its values. */
    private static int metricTag(String name) throws Exception {
        for (Metric m : Metric.values()) {
            if (m.name().equalsIgnoreCase(name)) {
                return m.ordinal();
            }
        }
        throw new Exception("-metric: expected euclidean or cosine, got '" + name + "'");
    }

    /**
     * The Explorer's tip for {@code metric}.
     *
     * @return the tip
     */
    public String metricTipText() {
        return Parameters.METRIC.doc() + " For text (StringToWordVector), cosine with -D (no [0,1] scaling of the word "
                + "weights).";
    }

    /**
     * The {@code metric} setting (see {@link #metricTipText()}).
     *
     * @return the setting
     */
    public SelectedTag getMetric() {
        return new SelectedTag(metric.ordinal(), TAGS_METRIC);
    }

    /**
     * Sets {@code metric} (see {@link #metricTipText()}).
     *
     * @param metric the setting
     */
    public void setMetric(SelectedTag metric) {
        if (metric.getTags() == TAGS_METRIC) {
            this.metric = Metric.values()[metric.getSelectedTag().getID()];
        }
    }

    /** The {@code -nominal} tag of {@code name} (any case), else the error naming the option and its values. */
    private static int nominalTag(String name) throws Exception {
        for (Tag tag : TAGS_NOMINAL) {
            if (tag.getIDStr().equalsIgnoreCase(name.replace('_', '-'))) {
                return tag.getID();
            }
        }
        throw new Exception("-nominal: expected mode or one-hot, got '" + name + "'");
    }

    /**
     * The Explorer's tip for {@code nominal}.
     *
     * @return the tip
     */
    public String nominalTipText() {
        return Parameters.NOMINAL.doc();
    }

    /**
     * The {@code nominal} setting (see {@link #nominalTipText()}).
     *
     * @return the setting
     */
    public SelectedTag getNominal() {
        return new SelectedTag(nominal.ordinal(), TAGS_NOMINAL);
    }

    /**
     * Sets {@code nominal} (see {@link #nominalTipText()}).
     *
     * @param nominal the setting
     */
    public void setNominal(SelectedTag nominal) {
        if (nominal.getTags() == TAGS_NOMINAL) {
            this.nominal = Nominal.values()[nominal.getSelectedTag().getID()];
        }
    }

    /**
     * The Explorer's tip for {@code nominalWeight}.
     *
     * @return the tip
     */
    public String nominalWeightTipText() {
        return Parameters.NOMINAL_WEIGHT.doc();
    }

    /**
     * The {@code nominalWeight} setting (see {@link #nominalWeightTipText()}).
     *
     * @return the setting
     */
    public double getNominalWeight() {
        return nominalWeight;
    }

    /**
     * Sets {@code nominalWeight} (see {@link #nominalWeightTipText()}).
     *
     * @param weight the setting
     * @throws Exception when the value is out of range, naming the option
     */
    public void setNominalWeight(double weight) throws Exception {
        this.nominalWeight = checked(Parameters.NOMINAL_WEIGHT, weight);
    }

    /**
     * The Explorer's tip for {@code displayStdDevs}.
     *
     * @return the tip
     */
    public String displayStdDevsTipText() {
        return "Display std deviations of numeric attributes in each cluster (a pass over the training instances).";
    }

    /**
     * The {@code displayStdDevs} setting (see {@link #displayStdDevsTipText()}).
     *
     * @return the setting
     */
    public boolean getDisplayStdDevs() {
        return displayStdDevs;
    }

    /**
     * Sets {@code displayStdDevs} (see {@link #displayStdDevsTipText()}).
     *
     * @param displayStdDevs the setting
     */
    public void setDisplayStdDevs(boolean displayStdDevs) {
        this.displayStdDevs = displayStdDevs;
    }

    /**
     * The Explorer's tip for {@code preserveInstancesOrder}.
     *
     * @return the tip
     */
    public String preserveInstancesOrderTipText() {
        return "Keep the cluster of each training instance, in order (getAssignments()).";
    }

    /**
     * The {@code preserveInstancesOrder} setting (see {@link #preserveInstancesOrderTipText()}).
     *
     * @return the setting
     */
    public boolean getPreserveInstancesOrder() {
        return preserveInstancesOrder;
    }

    /**
     * Sets {@code preserveInstancesOrder} (see {@link #preserveInstancesOrderTipText()}).
     *
     * @param preserveInstancesOrder the setting
     */
    public void setPreserveInstancesOrder(boolean preserveInstancesOrder) {
        this.preserveInstancesOrder = preserveInstancesOrder;
    }

    /**
     * The Explorer's tip for {@code distanceFunction}.
     *
     * @return the tip
     */
    public String distanceFunctionTipText() {
        return "The distance function: EuclideanDistance only, as k-means minimises squared Euclidean distance "
                + "(numeric attributes normalized unless dontNormalize).";
    }

    /**
     * The {@code distanceFunction} setting (see {@link #distanceFunctionTipText()}).
     *
     * @return the setting
     */
    public DistanceFunction getDistanceFunction() {
        return distanceFunction;
    }

    /**
     * Sets the distance, as SimpleKMeans' {@code -A}: only {@code EuclideanDistance} is k-means'.
     *
     * @param distanceFunction the distance
     * @throws Exception for any other distance (SimpleKMeans' Manhattan distance moves centroids to medians)
     */
    public void setDistanceFunction(DistanceFunction distanceFunction) throws Exception {
        if (distanceFunction.getClass() != EuclideanDistance.class) {
            throw new Exception("-A " + distanceFunction.getClass().getName() + ": MiniBatchKMeans offers "
                    + "weka.core.EuclideanDistance only (k-means moves centroids to means, which minimise squared "
                    + "Euclidean distance; SimpleKMeans with ManhattanDistance uses medians)");
        }
        this.distanceFunction = distanceFunction;
    }

    /**
     * Java serialization (Weka's model files): the clusterer's own fields, then the model document.
     *
     * @param out the stream
     * @throws java.io.IOException when writing fails
     */
    private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
        out.defaultWriteObject();
        out.writeObject(model == null ? null : ModelJson.toJson(model));
    }

    /**
     * Java serialization: the clusterer's own fields, then the model document, checked.
     *
     * @param in the stream
     * @throws java.io.IOException when reading fails or the document is invalid
     * @throws ClassNotFoundException when a class is missing
     */
    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
        in.defaultReadObject();
        // settings a stream of an earlier release lacks (read as null or 0): their defaults, which it had
        metric = metric == null ? wekaDefault(Parameters.METRIC) : metric;
        clusterStep = clusterStep == 0 ? wekaDefault(Parameters.K_STEP) : clusterStep;
        nominal = nominal == null ? Nominal.ONE_HOT : nominal; // what clusterers saved before 0.2.0 did
        nominalWeight = nominalWeight == 0 ? wekaDefault(Parameters.NOMINAL_WEIGHT) : nominalWeight;
        String document = (String) in.readObject();
        try {
            model = document == null ? null : ModelJson.fromJson(document, "the serialized clusterer").model();
        } catch (RuntimeException e) {
            throw new java.io.InvalidObjectException(e.getMessage());
        }
    }

    /**
     * The release of this clusterer.
     *
     * @return the version
     */
    @Override
    public String getRevision() {
        return "0.2.0";
    }

    /**
     * Runs the clusterer from the command line, as Weka's clusterers do ({@code -t file -N k}).
     *
     * @param args Weka's clusterer options
     */
    public static void main(String[] args) {
        runClusterer(new MiniBatchKMeans(), args);
    }
}
