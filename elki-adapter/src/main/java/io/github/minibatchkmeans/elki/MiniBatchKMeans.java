package io.github.minibatchkmeans.elki;

import elki.clustering.kmeans.AbstractKMeans;
import elki.clustering.kmeans.initialization.KMeansInitialization;
import elki.data.Cluster;
import elki.data.Clustering;
import elki.data.NumberVector;
import elki.data.model.KMeansModel;
import elki.database.ids.DBIDIter;
import elki.database.ids.DBIDUtil;
import elki.database.ids.ModifiableDBIDs;
import elki.database.relation.Relation;
import elki.distance.NumberVectorDistance;
import elki.distance.minkowski.EuclideanDistance;
import elki.distance.minkowski.SquaredEuclideanDistance;
import elki.distance.ArcCosineDistance;
import elki.distance.ArcCosineUnitlengthDistance;
import elki.distance.CosineDistance;
import elki.distance.CosineUnitlengthDistance;
import elki.distance.SqrtCosineDistance;
import elki.distance.SqrtCosineUnitlengthDistance;
import elki.logging.Logging;
import elki.result.Metadata;
import elki.utilities.documentation.Reference;
import elki.utilities.documentation.Title;
import elki.utilities.optionhandling.OptionID;
import elki.utilities.optionhandling.parameterization.Parameterization;
import elki.utilities.optionhandling.parameters.DoubleParameter;
import elki.utilities.optionhandling.parameters.IntParameter;
import elki.utilities.optionhandling.parameters.RandomParameter;
import elki.utilities.random.RandomFactory;
import io.github.minibatchkmeans.core.ArraySource;
import io.github.minibatchkmeans.core.FrontDoor;
import io.github.minibatchkmeans.core.Initializers;
import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.Metric;
import io.github.minibatchkmeans.core.Mode;
import io.github.minibatchkmeans.core.Parameter;
import io.github.minibatchkmeans.core.Parameters;
import io.github.minibatchkmeans.core.ProgressEvent;
import io.github.minibatchkmeans.core.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Mini-batch k-means for ELKI. The relation is read in batches; in {@code exact} mode each
 * iteration folds every batch into per-centroid sums and counts and then divides — Lloyd's
 * algorithm, to the bit the same clustering as {@code LloydKMeans} from the same initial means,
 * but on all cores and in O(k·d + batch·d) working memory. In {@code stochastic} mode each batch
 * moves the centers with Sculley's per-center learning rates.
 *
 * <p>Any ELKI initialization works ({@code kmeans.initialization}). The distance
 * ({@code algorithm.distancefunction}) is the squared Euclidean one (the default; Euclidean is
 * taken as the same) or the cosine one ({@code CosineDistance}, {@code CosineUnitlengthDistance}):
 * spherical k-means, as ELKI's {@code clustering.kmeans.spherical} algorithms — rows scaled to unit
 * length, centroids the normalized means. Other distances are refused: the sum/count update
 * minimizes these two.
 *
 * @param <V> vector type
 */
@Title("Mini-batch k-means (exact out-of-core Lloyd, or stochastic)")
@Reference(authors = "S. Lloyd", title = "Least squares quantization in PCM",
        booktitle = "IEEE Transactions on Information Theory 28 (2)", url = "https://doi.org/10.1109/TIT.1982.1056489",
        bibkey = "DBLP:journals/tit/Lloyd82")
@Reference(authors = "D. Sculley", title = "Web-scale k-means clustering",
        booktitle = "Proc. 19th Int. Conf. on World Wide Web (WWW 2010)", url = "https://doi.org/10.1145/1772690.1772862",
        bibkey = "DBLP:conf/www/Sculley10")
public class MiniBatchKMeans<V extends NumberVector> extends AbstractKMeans<V, KMeansModel> {
    private static final Logging LOG = Logging.getLogger(MiniBatchKMeans.class);

    private final Mode mode;
    private final int batchSize;
    private final int threads;
    /** Null: the mode's default. */
    private final Double tolerance;
    private final RandomFactory random;
    /** The core's metric for ELKI's distance. */
    private final Metric metric;

    /**
     * The algorithm with the squared Euclidean distance and every other setting given.
     *
     * @param k           the number of clusters
     * @param maxiter     maximum iterations (exact) or epochs (stochastic); 0 for the parameter table's default
     * @param initializer any ELKI k-means initialization
     * @param mode        exact or stochastic
     * @param batchSize   rows per mini-batch
     * @param threads     worker threads; 0 for all processors
     * @param tolerance   convergence tolerance relative to the mean feature variance; null for the mode's default
     * @param random      the seed of the engine's own random choices
     */
    public MiniBatchKMeans(int k, int maxiter, KMeansInitialization initializer, Mode mode, int batchSize, int threads,
                           Double tolerance, RandomFactory random) {
        this(SquaredEuclideanDistance.STATIC, k, maxiter, initializer, mode, batchSize, threads, tolerance, random);
    }

    /**
     * The algorithm with every setting given.
     *
     * @param distance    ELKI's squared Euclidean (or Euclidean) distance, or a cosine distance
     * @param k           the number of clusters
     * @param maxiter     maximum iterations (exact) or epochs (stochastic); 0 for the parameter table's default
     * @param initializer any ELKI k-means initialization
     * @param mode        exact or stochastic
     * @param batchSize   rows per mini-batch
     * @param threads     worker threads; 0 for all processors
     * @param tolerance   convergence tolerance relative to the mean feature variance; null for the mode's default
     * @param random      the seed of the engine's own random choices
     * @throws IllegalArgumentException for any other distance
     */
    public MiniBatchKMeans(NumberVectorDistance<? super V> distance, int k, int maxiter, KMeansInitialization initializer,
                           Mode mode, int batchSize, int threads, Double tolerance, RandomFactory random) {
        super(distance, k, maxiter, initializer);
        this.metric = metricOf(distance);
        this.mode = mode;
        this.batchSize = batchSize;
        this.threads = threads;
        this.tolerance = tolerance;
        this.random = random;
    }

    /**
     * Clusters {@code relation}: ELKI's initializer picks the means, core's engine runs the passes,
     * and the final pass gives every object's cluster. The relation is converted once, into the
     * core's in-memory layout, while that fits the heap budget; a larger one is read pass by pass.
     * Either way its values are checked before ELKI's initializer sees them (it may not stop on a NaN).
     */
    public Clustering<KMeansModel> run(Relation<V> relation) {
        RelationSource source = new RelationSource(relation);
        double heapShare = Parameters.HEAP_FRACTION.defaultValue(mode).orElseThrow();
        double[] flat = source.toFlat((long) (heapShare * Runtime.getRuntime().maxMemory()));
        if (flat == null) {
            source.check();
        }
        KMeansConfig config = config(Initializers.explicit(initialMeans(relation)));
        try {
            var estimator = new io.github.minibatchkmeans.core.MiniBatchKMeans(config, LOG.isVerbose() ? this::log : ProgressListener.NONE);
            int[] labels = estimator.fitPredict(flat != null ? ArraySource.ofFlat(flat, source.dimensions(), null) : source);
            var model = estimator.model();
            LOG.statistics(new elki.logging.statistics.LongStatistic(getClass().getName() + ".iterations", model.iterations()));
            return toClustering(relation, model, labels, flat);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The core's metric for ELKI's {@code distance}; any other distance is refused, naming the parameter. */
    private static Metric metricOf(NumberVectorDistance<?> distance) {
        if (distance instanceof SquaredEuclideanDistance || distance instanceof EuclideanDistance) {
            return Metric.EUCLIDEAN; // the same assignments: k-means minimizes the squared distance either way
        }
        if (distance instanceof CosineDistance || distance instanceof CosineUnitlengthDistance
                || distance instanceof ArcCosineDistance || distance instanceof ArcCosineUnitlengthDistance
                || distance instanceof SqrtCosineDistance || distance instanceof SqrtCosineUnitlengthDistance) {
            return Metric.COSINE; // each ranks centroids by the cosine alone
        }
        throw new IllegalArgumentException(Parameters.METRIC.nameIn(FrontDoor.ELKI).orElseThrow() + ": "
                + distance.getClass().getSimpleName() + " is not offered: use SquaredEuclideanDistance (the default) or "
                + "CosineDistance (spherical k-means); the sum/count update minimizes those");
    }

    /**
     * The configuration a run starts with {@code initializer}: ELKI's "no limit" and "all processors"
     * (0) and an unset tolerance take the parameter table's defaults (package-private: the
     * parameter-table test reads it).
     */
    KMeansConfig config(io.github.minibatchkmeans.core.spi.Initializer initializer) {
        KMeansConfig.Builder builder = KMeansConfig.builder(k).mode(mode).initializer(initializer).batchSize(batchSize)
                .seed(random.getSingleThreadedRandom().nextLong()).metric(metric);
        if (maxiter != Integer.MAX_VALUE) { // ELKI's "no limit" (kmeans.maxiter 0) takes the table's default
            builder.maxIterations(maxiter);
        }
        if (threads != sentinel(Parameters.THREADS)) { // 0: all processors, the table's default
            builder.threads(threads);
        }
        if (tolerance != null) {
            builder.tolerance(tolerance);
        }
        return builder.build();
    }

    private void log(ProgressEvent e) {
        if (e.finished()) {
            LOG.verbose(e.stage() + " " + e.pass() + ": " + e.rowsDone() + " objects"
                    + (Double.isNaN(e.inertia()) ? "" : ", inertia " + e.inertia()));
        }
    }

    /**
     * ELKI clusters from the final pass's labels (in the relation's order), with their means and
     * variance sums, measured on {@code flat} (the converted relation; null: the relation itself).
     */
    private Clustering<KMeansModel> toClustering(Relation<V> relation, io.github.minibatchkmeans.core.KMeansModel model,
                                                 int[] labels, double[] flat) {
        List<ModifiableDBIDs> members = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            members.add(DBIDUtil.newArray());
        }
        double[][] means = model.centroids();
        double[] varsum = new double[k];
        int row = 0;
        for (DBIDIter it = relation.iterDBIDs(); it.valid(); it.advance(), row++) {
            int label = labels[row];
            members.get(label).add(it);
            NumberVector v = flat == null ? relation.get(it) : null;
            double[] mean = means[label];
            if (metric == Metric.COSINE) { // the cluster's sum of cosine distances, as ELKI's spherical k-means reports
                double squares = 0;
                double dot = 0;
                for (int j = 0; j < mean.length; j++) {
                    double value = flat == null ? v.doubleValue(j) : flat[row * mean.length + j];
                    squares += value * value;
                    dot += value * mean[j];
                }
                varsum[label] += 1 - dot / Math.sqrt(squares);
            } else {
                for (int j = 0; j < mean.length; j++) {
                    double diff = (flat == null ? v.doubleValue(j) : flat[row * mean.length + j]) - mean[j];
                    varsum[label] += diff * diff;
                }
            }
        }
        Clustering<KMeansModel> result = new Clustering<>();
        Metadata.of(result).setLongName("Mini-batch k-Means Clustering (" + mode.name().toLowerCase(java.util.Locale.ROOT) + ")");
        for (int c = 0; c < k; c++) {
            if (members.get(c).isEmpty()) {
                LOG.warning("Mini-batch k-means produced an empty cluster");
            }
            result.addToplevelCluster(new Cluster<>(members.get(c), new KMeansModel(model.centroid(c), varsum[c])));
        }
        return result;
    }

    @Override
    protected Logging getLogger() {
        return LOG;
    }

    /** The value ELKI takes for {@code parameter} to mean the table's default (its "0 = all / no limit"). */
    static <T> T sentinel(Parameter<T> parameter) {
        return parameter.in(FrontDoor.ELKI).orElseThrow().sentinel();
    }

    /** An ELKI option of {@code parameter}: the name and doc from the parameter table. */
    static OptionID option(Parameter<?> parameter) {
        return new OptionID(parameter.nameIn(FrontDoor.ELKI).orElseThrow(), parameter.doc());
    }

    /** The default of {@code parameter} in ELKI: the parameter table's, with its recorded ELKI conventions. */
    static <T> T elkiDefault(Parameter<T> parameter) {
        return parameter.defaultIn(FrontDoor.ELKI).orElseThrow();
    }

    /** The parameter table's constraint of {@code parameter} in ELKI (its sentinel included), as an ELKI constraint. */
    static <T> elki.utilities.optionhandling.constraints.ParameterConstraint<T> constraint(Parameter<T> parameter) {
        return new elki.utilities.optionhandling.constraints.ParameterConstraint<>() {
            @Override
            public void test(T value) throws elki.utilities.optionhandling.ParameterException {
                if (!parameter.acceptsIn(FrontDoor.ELKI, value)) {
                    throw new elki.utilities.optionhandling.WrongParameterValueException(
                            parameter.nameIn(FrontDoor.ELKI).orElseThrow() + ": " + parameter.problem(value));
                }
            }

            @Override
            public String getDescription(String name) {
                return name + " is " + parameter.constraintText();
            }
        };
    }

    /** Parameterization: ELKI's k-means options plus the {@code minibatch.*} ones, named and documented by the parameter table. */
    public static class Par<V extends NumberVector> extends AbstractKMeans.Par<V> {
        /** {@code minibatch.batchsize}. */
        public static final OptionID BATCH_SIZE_ID = option(Parameters.BATCH_SIZE);
        /** {@code minibatch.mode}. */
        public static final OptionID MODE_ID = option(Parameters.MODE);
        /** {@code minibatch.seed}. */
        public static final OptionID SEED_ID = new OptionID(Parameters.SEED.nameIn(FrontDoor.ELKI).orElseThrow(),
                Parameters.SEED.doc() + " The initializer has its own kmeans.seed.");
        /** {@code minibatch.threads}. */
        public static final OptionID THREADS_ID = new OptionID(Parameters.THREADS.nameIn(FrontDoor.ELKI).orElseThrow(),
                Parameters.THREADS.doc() + " 0 uses all processors.");
        /** {@code minibatch.tol}. */
        public static final OptionID TOLERANCE_ID = new OptionID(Parameters.TOLERANCE.nameIn(FrontDoor.ELKI).orElseThrow(),
                Parameters.TOLERANCE.doc() + " Default: " + Parameters.TOLERANCE.defaultText() + ".");

        /** Exact or stochastic. */
        protected Mode mode;
        /** Rows per mini-batch. */
        protected int batchSize;
        /** Worker threads; 0 for all processors. */
        protected int threads;
        /** The tolerance; null for the mode's default. */
        protected Double tolerance;
        /** The seed of the engine's own random choices. */
        protected RandomFactory random;

        @Override
        public void configure(Parameterization config) {
            getParameterDistance(config);
            getParameterK(config);
            getParameterInitialization(config);
            getParameterMaxIter(config);
            new ModeParameter(MODE_ID).grab(config, x -> mode = x);
            new IntParameter(BATCH_SIZE_ID, elkiDefault(Parameters.BATCH_SIZE)).addConstraint(constraint(Parameters.BATCH_SIZE))
                    .grab(config, x -> batchSize = x);
            new IntParameter(THREADS_ID, elkiDefault(Parameters.THREADS)).addConstraint(constraint(Parameters.THREADS))
                    .grab(config, x -> threads = x);
            new DoubleParameter(TOLERANCE_ID).setOptional(true).addConstraint(constraint(Parameters.TOLERANCE))
                    .grab(config, x -> tolerance = x);
            new RandomParameter(SEED_ID).grab(config, x -> random = x);
        }

        @Override
        public MiniBatchKMeans<V> make() {
            return new MiniBatchKMeans<>(distance, k, maxiter, initializer, mode, batchSize, threads, tolerance, random);
        }
    }
}
