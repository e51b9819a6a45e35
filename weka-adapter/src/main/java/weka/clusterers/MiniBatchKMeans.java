package weka.clusterers;

import io.github.minibatchkmeans.core.Initializers;
import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.Mode;
import io.github.minibatchkmeans.core.OnePass;
import io.github.minibatchkmeans.core.spi.Initializer;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
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
 * <p>Distances match SimpleKMeans': numeric attributes normalized to [0, 1] (unless {@code -D}),
 * nominal ones contributing 0 or 1, missing values replaced by means and value frequencies.
 */
public class MiniBatchKMeans extends RandomizableClusterer
        implements NumberOfClustersRequestable, WeightedInstancesHandler, UpdateableClusterer, TechnicalInformationHandler {

    private static final long serialVersionUID = 1L;

    public static final int RANDOM = 0;
    public static final int KMEANS_PLUS_PLUS = 1;
    public static final int KMEANS_PARALLEL = 2;
    /** The initialization methods, as {@code -init} numbers them. */
    public static final Tag[] TAGS_INITIALIZATION = {new Tag(RANDOM, "Random"), new Tag(KMEANS_PLUS_PLUS, "k-means++"),
            new Tag(KMEANS_PARALLEL, "k-means||")};

    private int numClusters = 2;
    private int maxIterations = KMeansConfig.DEFAULT_MAX_ITERATIONS;
    private int initializationMethod = KMEANS_PLUS_PLUS;
    private int batchSize = KMeansConfig.DEFAULT_BATCH_SIZE;
    private boolean stochastic;
    private int numExecutionSlots = 1;
    private double tolerance = KMeansConfig.DEFAULT_TOLERANCE;
    private boolean dontNormalize;
    /** Starts to try; 0: automatic (several on small data, see {@code KMeansConfig.nInit}). */
    private int restarts;

    /** Instances incremental training keeps whole before it switches to the one-pass learner. */
    public static final int INCREMENTAL_BUFFER = 65_536;

    private AttributeEncoding encoding;
    private KMeansModel model;
    /** How the model was trained, for the report. */
    private String training = "";
    /** Statistics of all the training instances: the report's "Full Data" column. */
    private AttributeEncoding wholeData;

    /** State of incremental training; not part of a saved model. */
    private transient Instances buffer;
    private transient io.github.minibatchkmeans.core.MiniBatchKMeans learner;
    private transient AttributeEncoding.Accumulator seen;
    private transient AttributeEncoding streamEncoding;
    private transient OnePass onePass;

    public MiniBatchKMeans() {
        m_SeedDefault = 10;
        setSeed(m_SeedDefault);
    }

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

    private KMeansConfig config(Mode mode) {
        KMeansConfig.Builder config = KMeansConfig.builder(numClusters).mode(mode).initializer(initializer())
                .maxIterations(maxIterations).tolerance(tolerance).batchSize(batchSize).threads(numExecutionSlots)
                .seed(getSeed());
        return (restarts > 0 ? config.nInit(restarts) : config).build();
    }

    private Initializer initializer() {
        return switch (initializationMethod) {
            case RANDOM -> Initializers.random();
            case KMEANS_PARALLEL -> Initializers.kMeansParallel();
            default -> Initializers.kMeansPlusPlus();
        };
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
        encoding = AttributeEncoding.fit(data, data, !dontNormalize);
        KMeansConfig config = config(stochastic ? Mode.STOCHASTIC : Mode.EXACT);
        try {
            model = new io.github.minibatchkmeans.core.MiniBatchKMeans(config).fit(new InstancesSource(data, encoding));
        } catch (InvalidInputException e) {
            throw new Exception(explain(e), e);
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
            streamEncoding = seen.build(false);
            onePass = new io.github.minibatchkmeans.core.MiniBatchKMeans(config(Mode.EXACT))
                    .onePass(streamEncoding.dimensions(), !dontNormalize);
            for (int i = 0; i < buffer.numInstances(); i++) {
                feed(buffer.instance(i));
            }
            buffer = null;
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
                wholeData = seen.build(!dontNormalize);
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
                encoding = seen.build(!dontNormalize);
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
        if (learner == null) {
            streamEncoding = AttributeEncoding.fit(buffer, buffer, !dontNormalize);
            learner = new io.github.minibatchkmeans.core.MiniBatchKMeans(config(Mode.STOCHASTIC));
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
        double[] row = new double[encoding.dimensions()];
        encoding.encode(instance, row, 0);
        return model.predict(row);
    }

    @Override
    public int numberOfClusters() throws Exception {
        return numClusters;
    }

    /** The fitted engine model (encoded space), or null before training. */
    public KMeansModel getModel() {
        return model;
    }

    /** The centroids in the original attribute space: numeric values, nominal value indices. */
    public double[][] getClusterCentroids() {
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
        s.append(CentroidReport.render(header, wholeData.fullData(), wholeData.totalWeight(), getClusterCentroids(),
                model.sizes()));
        return s.toString();
    }

    // ---- options ----

    @Override
    public Enumeration<Option> listOptions() {
        Vector<Option> options = new Vector<>();
        options.add(new Option("\tNumber of clusters.\n\t(default 2).", "N", 1, "-N <num>"));
        options.add(new Option("\tMaximum number of iterations (exact) or epochs (stochastic).\n\t(default 300).", "I", 1,
                "-I <num>"));
        options.add(new Option("\tInitialization method: 0 = random, 1 = k-means++, 2 = k-means||.\n\t(default 1).", "init", 1,
                "-init <num>"));
        options.add(new Option("\tInstances per mini-batch.\n\t(default 4096).", "batch-size", 1, "-batch-size <num>"));
        options.add(new Option("\tStochastic mini-batch updates instead of exact Lloyd iterations.", "stochastic", 0,
                "-stochastic"));
        options.add(new Option("\tNumber of execution slots (threads).\n\t(default 1).", "num-slots", 1, "-num-slots <num>"));
        options.add(new Option("\tConvergence tolerance, relative to the mean attribute variance.\n\t(default 1.0E-4).", "tol", 1,
                "-tol <num>"));
        options.add(new Option("\tDo not normalize numeric attributes to [0,1].", "D", 0, "-D"));
        options.add(new Option("\tStarts to try, keeping the lowest within-cluster SSE; 0 = automatic (10 on small data,\n"
                + "\telse 1 for k-means++ and 3 for random).\n\t(default 0).", "restarts", 1, "-restarts <num>"));
        options.addAll(Collections.list(super.listOptions()));
        return options.elements();
    }

    @Override
    public void setOptions(String[] options) throws Exception {
        String n = Utils.getOption('N', options);
        setNumClusters(n.isEmpty() ? 2 : Integer.parseInt(n));
        String i = Utils.getOption('I', options);
        setMaxIterations(i.isEmpty() ? KMeansConfig.DEFAULT_MAX_ITERATIONS : Integer.parseInt(i));
        String init = Utils.getOption("init", options);
        setInitializationMethod(new SelectedTag(init.isEmpty() ? KMEANS_PLUS_PLUS : Integer.parseInt(init), TAGS_INITIALIZATION));
        String batch = Utils.getOption("batch-size", options);
        setBatchSize(batch.isEmpty() ? KMeansConfig.DEFAULT_BATCH_SIZE : Integer.parseInt(batch));
        setStochastic(Utils.getFlag("stochastic", options));
        String slots = Utils.getOption("num-slots", options);
        setNumExecutionSlots(slots.isEmpty() ? 1 : Integer.parseInt(slots));
        String tol = Utils.getOption("tol", options);
        setTolerance(tol.isEmpty() ? KMeansConfig.DEFAULT_TOLERANCE : Double.parseDouble(tol));
        setDontNormalize(Utils.getFlag('D', options));
        String starts = Utils.getOption("restarts", options);
        setRestarts(starts.isEmpty() ? 0 : Integer.parseInt(starts));
        super.setOptions(options);
        Utils.checkForRemainingOptions(options);
    }

    @Override
    public String[] getOptions() {
        List<String> options = new ArrayList<>(List.of("-N", "" + numClusters, "-I", "" + maxIterations,
                "-init", "" + initializationMethod, "-batch-size", "" + batchSize, "-num-slots", "" + numExecutionSlots,
                "-tol", "" + tolerance, "-restarts", "" + restarts));
        if (stochastic) {
            options.add("-stochastic");
        }
        if (dontNormalize) {
            options.add("-D");
        }
        Collections.addAll(options, super.getOptions());
        return options.toArray(new String[0]);
    }

    // ---- properties, each with the tip text the GUI shows ----

    public String numClustersTipText() {
        return "The number of clusters (k).";
    }

    public int getNumClusters() {
        return numClusters;
    }

    @Override
    public void setNumClusters(int n) throws Exception {
        if (n < 1) {
            throw new Exception("Number of clusters must be > 0");
        }
        numClusters = n;
    }

    public String maxIterationsTipText() {
        return "Maximum number of iterations (exact mode) or epochs over the data (stochastic mode).";
    }

    public int getMaxIterations() {
        return maxIterations;
    }

    public void setMaxIterations(int n) throws Exception {
        if (n < 1) {
            throw new Exception("Maximum number of iterations must be > 0");
        }
        maxIterations = n;
    }

    public String initializationMethodTipText() {
        return "How the centroids start: random instances, k-means++ on a sample, or k-means|| (a few passes over the data).";
    }

    public SelectedTag getInitializationMethod() {
        return new SelectedTag(initializationMethod, TAGS_INITIALIZATION);
    }

    public void setInitializationMethod(SelectedTag method) {
        if (method.getTags() == TAGS_INITIALIZATION) {
            initializationMethod = method.getSelectedTag().getID();
        }
    }

    public String batchSizeTipText() {
        return "Instances per mini-batch: the unit of reading in exact mode, the unit of update in stochastic mode.";
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int size) throws Exception {
        if (size < 1) {
            throw new Exception("Batch size must be > 0");
        }
        batchSize = size;
    }

    public String stochasticTipText() {
        return "Use stochastic mini-batch updates (approximate, faster) instead of exact Lloyd iterations.";
    }

    public boolean getStochastic() {
        return stochastic;
    }

    public void setStochastic(boolean stochastic) {
        this.stochastic = stochastic;
    }

    public String numExecutionSlotsTipText() {
        return "The number of threads to use; results do not depend on it.";
    }

    public int getNumExecutionSlots() {
        return numExecutionSlots;
    }

    public void setNumExecutionSlots(int slots) throws Exception {
        if (slots < 1) {
            throw new Exception("Number of execution slots must be > 0");
        }
        numExecutionSlots = slots;
    }

    public String toleranceTipText() {
        return "Stop when the centroids' total squared shift is at most this times the mean attribute variance.";
    }

    public double getTolerance() {
        return tolerance;
    }

    public void setTolerance(double tolerance) throws Exception {
        if (!(tolerance >= 0)) {
            throw new Exception("Tolerance must be >= 0");
        }
        this.tolerance = tolerance;
    }

    public String dontNormalizeTipText() {
        return "Do not normalize numeric attributes to [0,1] (SimpleKMeans' EuclideanDistance normalizes them).";
    }

    public boolean getDontNormalize() {
        return dontNormalize;
    }

    public void setDontNormalize(boolean dontNormalize) {
        this.dontNormalize = dontNormalize;
    }

    public String restartsTipText() {
        return "Starts to try, keeping the one with the lowest within-cluster SSE; 0 chooses: 10 on small data, else 1 "
                + "for k-means++ and 3 for random.";
    }

    public int getRestarts() {
        return restarts;
    }

    public void setRestarts(int restarts) throws Exception {
        if (restarts < 0) {
            throw new Exception("Restarts must be >= 0");
        }
        this.restarts = restarts;
    }

    @Override
    public String getRevision() {
        return "0.1.0";
    }

    public static void main(String[] args) {
        runClusterer(new MiniBatchKMeans(), args);
    }
}
