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
import io.github.minibatchkmeans.core.KSweep;
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
    /** Above k: every k from k to this (by {@link #kStep}) is fitted and scored, the recommended one returned; 0: k alone. */
    private final int kMax;
    private final int kStep;

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
        this(distance, k, 0, 1, maxiter, initializer, mode, batchSize, threads, tolerance, random);
    }

    /**
     * The algorithm choosing k: every k from {@code k} to {@code kMax} (by {@code kStep}) is fitted
     * in the same passes, each from the means ELKI's initializer chooses for it, and scored; the
     * clustering is the recommended k's, with the table of scores as its child result ({@link ScoresByK}).
     *
     * @param distance    ELKI's squared Euclidean (or Euclidean) distance, or a cosine distance
     * @param k           the smallest number of clusters
     * @param kMax        the largest number of clusters; 0 fits {@code k} alone
     * @param kStep       the step between the k values
     * @param maxiter     maximum iterations (exact) or epochs (stochastic); 0 for the parameter table's default
     * @param initializer any ELKI k-means initialization
     * @param mode        exact (a sweep over k is exact)
     * @param batchSize   rows per mini-batch
     * @param threads     worker threads; 0 for all processors
     * @param tolerance   convergence tolerance relative to the mean feature variance; null for the mode's default
     * @param random      the seed of the engine's own random choices
     * @throws IllegalArgumentException for a distance other than those above
     */
    public MiniBatchKMeans(NumberVectorDistance<? super V> distance, int k, int kMax, int kStep, int maxiter,
                           KMeansInitialization initializer, Mode mode, int batchSize, int threads, Double tolerance,
                           RandomFactory random) {
        super(distance, k, maxiter, initializer);
        this.kMax = kMax;
        this.kStep = kStep;
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
        boolean sweeping = kMax > k;
        KMeansConfig config = config(sweeping ? new ElkiInitialization(relation) : Initializers.explicit(initialMeans(relation)));
        try {
            var estimator = new io.github.minibatchkmeans.core.MiniBatchKMeans(config, LOG.isVerbose() ? this::log : ProgressListener.NONE);
            var data = flat != null ? ArraySource.ofFlat(flat, source.dimensions(), null) : source;
            if (sweeping) {
                KSweep sweep = estimator.sweep(data);
                var model = sweep.recommended();
                int[] labels = new int[relation.size()];
                model.predict(data, (row, label, distance) -> labels[(int) row] = label);
                Clustering<KMeansModel> result = toClustering(relation, model, labels, flat);
                Metadata.hierarchyOf(result).addChild(new ScoresByK(sweep));
                return result;
            }
            int[] labels = estimator.fitPredict(data);
            var model = estimator.model();
            LOG.statistics(new elki.logging.statistics.LongStatistic(getClass().getName() + ".iterations", model.iterations()));
            return toClustering(relation, model, labels, flat);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ELKI's initialization as the core's, for each k of a sweep: the means it chooses on the relation (with its own seed). */
    private final class ElkiInitialization implements io.github.minibatchkmeans.core.spi.Initializer {
        private final Relation<V> relation;

        ElkiInitialization(Relation<V> relation) {
            this.relation = relation;
        }

        @Override
        public double[][] initialCenters(io.github.minibatchkmeans.core.spi.InitContext context, int clusters,
                                         java.util.SplittableRandom unused) {
            return initializer.chooseInitialMeans(relation, clusters, distance);
        }

        @Override
        public boolean randomized() {
            return false; // one start per k, as ELKI's own k-means
        }

        @Override
        public boolean usesSample() {
            return false;
        }

        @Override
        public String name() {
            return initializer.getClass().getSimpleName();
        }
    }

    /** A sweep's scores by k, as ELKI's child result of the clustering: written as a commented table by ELKI's text output. */
    public static final class ScoresByK implements elki.result.textwriter.TextWriteable {
        private final KSweep sweep;

        ScoresByK(KSweep sweep) {
            this.sweep = sweep;
            Metadata.of(this).setLongName("Scores by k (recommended k = " + sweep.recommendedK() + ")");
        }

        /**
         * The sweep: every k's model and scores.
         *
         * @return the sweep
         */
        public KSweep sweep() {
            return sweep;
        }

        @Override
        public void writeToText(elki.result.textwriter.TextWriterStream out, String label) {
            sweep.table().lines().forEach(out::commentPrintLn);
        }

        @Override
        public String toString() {
            return sweep.table();
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
                .seed(random.getSingleThreadedRandom().nextLong()).metric(metric).kMax(kMax).kStep(kStep);
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
        int clusters = model.k(); // a sweep's recommended k
        List<ModifiableDBIDs> members = new ArrayList<>(clusters);
        for (int c = 0; c < clusters; c++) {
            members.add(DBIDUtil.newArray());
        }
        double[][] means = model.centroids();
        double[] varsum = new double[clusters];
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
        for (int c = 0; c < clusters; c++) {
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

        /** {@code minibatch.kmax}. */
        public static final OptionID K_MAX_ID = option(Parameters.K_MAX);
        /** {@code minibatch.kstep}. */
        public static final OptionID K_STEP_ID = option(Parameters.K_STEP);

        /** The largest k of a sweep; 0: k alone. */
        protected int kMax;
        /** The step between the k values of a sweep. */
        protected int kStep;
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
            new IntParameter(K_MAX_ID, elkiDefault(Parameters.K_MAX)).addConstraint(constraint(Parameters.K_MAX))
                    .grab(config, x -> kMax = x);
            new IntParameter(K_STEP_ID, elkiDefault(Parameters.K_STEP)).addConstraint(constraint(Parameters.K_STEP))
                    .grab(config, x -> kStep = x);
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
            return new MiniBatchKMeans<>(distance, k, kMax, kStep, maxiter, initializer, mode, batchSize, threads, tolerance, random);
        }
    }
}
