package io.github.minibatchkmeans.benchmarks;

import elki.clustering.kmeans.ElkanKMeans;
import elki.clustering.kmeans.HamerlyKMeans;
import elki.clustering.kmeans.KMeans;
import elki.clustering.kmeans.LloydKMeans;
import elki.clustering.kmeans.initialization.Predefined;
import elki.data.Cluster;
import elki.data.Clustering;
import elki.data.NumberVector;
import elki.data.model.KMeansModel;
import elki.data.type.TypeUtil;
import elki.database.Database;
import elki.database.StaticArrayDatabase;
import elki.database.ids.DBIDIter;
import elki.database.ids.DBIDRange;
import elki.database.relation.Relation;
import elki.datasource.ArrayAdapterDatabaseConnection;
import elki.utilities.ELKIBuilder;
import elki.utilities.random.RandomFactory;
import io.github.minibatchkmeans.core.Mode;
import io.github.minibatchkmeans.tribuo.MiniBatchKMeansTrainer;
import java.util.ArrayList;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.kmeans.KMeansTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import weka.clusterers.SimpleKMeans;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.EuclideanDistance;
import weka.core.Instances;
import weka.core.SelectedTag;

/**
 * Each toolkit's own k-means and our front door into that toolkit, run in this JVM on the same
 * rows, each toolkit's data structure built once, untimed: only the training call is timed. ELKI's
 * algorithms and ours in ELKI take the same start; Tribuo's and Weka's trainers cannot be given one,
 * so there both start from their own k-means++ (one start) with the same iteration cap.
 */
final class Peers {
    /** netlib-java, under Weka, logs each native library it does not find: kept quiet (and referenced, so it stays so). */
    private static final Logger NETLIB = Logger.getLogger("com.github.fommil.netlib");

    private Peers() {
    }

    /** A run's result: final labels in row order, seconds of the training call, iterations run (-1: not known). */
    record Run(int[] labels, double seconds, int iterations) {
    }

    /** ELKI's rows, converted once, for its three algorithms and ours. */
    static final class Elki {
        private final Relation<NumberVector> relation;

        Elki(double[][] rows) {
            Database db = new StaticArrayDatabase(new ArrayAdapterDatabaseConnection(rows), null);
            db.initialize();
            this.relation = db.getRelation(TypeUtil.NUMBER_VECTOR_FIELD);
        }

        /** {@code algorithm}: "lloyd", "hamerly" or "elkan"; at most {@code maxIterations}, from {@code start}. */
        Run run(String algorithm, double[][] start, int maxIterations) {
            Class<?> type = switch (algorithm) {
                case "lloyd" -> LloydKMeans.class;
                case "hamerly" -> HamerlyKMeans.class;
                case "elkan" -> ElkanKMeans.class;
                default -> throw new IllegalArgumentException(algorithm);
            };
            @SuppressWarnings("unchecked")
            KMeans<NumberVector, KMeansModel> kmeans = (KMeans<NumberVector, KMeansModel>) new ELKIBuilder<>(type)
                    .with(KMeans.K_ID, start.length).with(KMeans.MAXITER_ID, maxIterations)
                    .with(KMeans.INIT_ID, new Predefined(copy(start))).build();
            return timed(kmeans);
        }

        /** Our ELKI algorithm ({@code elki-adapter}), exact mode, one thread, from {@code start}. */
        Run ours(double[][] start, int maxIterations, int threads) {
            var kmeans = new io.github.minibatchkmeans.elki.MiniBatchKMeans<NumberVector>(start.length, maxIterations,
                    new Predefined(copy(start)), Mode.EXACT, 4096, threads, 0.0, RandomFactory.DEFAULT);
            return timed(kmeans);
        }

        /** ELKI's Hamerly k-means from its own k-means++ start (seeded), for one k of a loop over k. */
        Run own(int k, int maxIterations, long seed) {
            @SuppressWarnings("unchecked")
            KMeans<NumberVector, KMeansModel> kmeans = (KMeans<NumberVector, KMeansModel>) new ELKIBuilder<>(HamerlyKMeans.class)
                    .with(KMeans.K_ID, k).with(KMeans.MAXITER_ID, maxIterations).with(KMeans.SEED_ID, seed)
                    .with(KMeans.INIT_ID, elki.clustering.kmeans.initialization.KMeansPlusPlus.class).build();
            return timed(kmeans);
        }

        /** Our ELKI algorithm choosing k in {@code kMin..kMax} ({@code minibatch.kmax}), exact to a fixed point, ELKI's k-means++. */
        Run oursChoosing(int kMin, int kMax, int maxIterations, int threads, long seed) {
            @SuppressWarnings("unchecked")
            KMeans<NumberVector, KMeansModel> kmeans = (KMeans<NumberVector, KMeansModel>) new ELKIBuilder<>(
                    io.github.minibatchkmeans.elki.MiniBatchKMeans.class).with(KMeans.K_ID, kMin).with(KMeans.MAXITER_ID, maxIterations)
                    .with(KMeans.SEED_ID, seed).with(KMeans.INIT_ID, elki.clustering.kmeans.initialization.KMeansPlusPlus.class)
                    .with(io.github.minibatchkmeans.elki.MiniBatchKMeans.Par.K_MAX_ID, kMax)
                    .with(io.github.minibatchkmeans.elki.MiniBatchKMeans.Par.TOLERANCE_ID, 0.0)
                    .with(io.github.minibatchkmeans.elki.MiniBatchKMeans.Par.THREADS_ID, threads).build();
            return timed(kmeans);
        }

        /** ELKI's own X-means (k from {@code kMin} to {@code kMax}, its defaults otherwise). */
        Run xMeans(int kMin, int kMax, long seed) {
            @SuppressWarnings("unchecked")
            KMeans<NumberVector, KMeansModel> kmeans = (KMeans<NumberVector, KMeansModel>) new ELKIBuilder<>(
                    elki.clustering.kmeans.XMeans.class).with(elki.clustering.kmeans.XMeans.Par.K_MIN_ID, kMin).with(KMeans.K_ID, kMax)
                    .with(KMeans.SEED_ID, seed).build();
            return timed(kmeans);
        }

        /** ELKI's k-means iterate on the very arrays {@code Predefined} hands them: each run gets its own. */
        private static double[][] copy(double[][] start) {
            double[][] copy = new double[start.length][];
            for (int c = 0; c < start.length; c++) {
                copy[c] = start[c].clone();
            }
            return copy;
        }

        private Run timed(KMeans<NumberVector, KMeansModel> kmeans) {
            long t0 = System.nanoTime();
            Clustering<KMeansModel> clustering = kmeans.run(relation);
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Run(labels(clustering), seconds, -1);
        }

        private int[] labels(Clustering<KMeansModel> clustering) {
            DBIDRange ids = (DBIDRange) relation.getDBIDs();
            int[] labels = new int[relation.size()];
            int c = 0;
            for (Cluster<KMeansModel> cluster : clustering.getAllClusters()) {
                for (DBIDIter it = cluster.getIDs().iter(); it.valid(); it.advance()) {
                    labels[ids.getOffset(it)] = c;
                }
                c++;
            }
            return labels;
        }
    }

    /** Tribuo's data set, built once, for its {@code KMeansTrainer} and ours. */
    static final class Tribuo {
        private final MutableDataset<ClusterID> data;

        Tribuo(double[][] rows) {
            ClusteringFactory factory = new ClusteringFactory();
            data = new MutableDataset<>(new SimpleDataSourceProvenance("bench", factory), factory);
            int dims = rows[0].length;
            String[] names = new String[dims];
            for (int j = 0; j < dims; j++) {
                names[j] = String.format(Locale.ROOT, "f%06d", j); // sorted as the columns are
            }
            for (double[] row : rows) {
                data.add(new ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, names, row));
            }
        }

        /** Tribuo's {@code KMeansTrainer}, its k-means++ start; iterations counted from its log. */
        Run own(int k, int maxIterations, int threads, long seed) {
            KMeansTrainer trainer = new KMeansTrainer(k, maxIterations, new L2Distance(), KMeansTrainer.Initialisation.PLUSPLUS,
                    threads, seed);
            Logger log = Logger.getLogger(KMeansTrainer.class.getName());
            IterationCounter counter = new IterationCounter();
            boolean parents = log.getUseParentHandlers();
            log.setUseParentHandlers(false); // it logs each iteration at INFO
            log.addHandler(counter);
            try {
                long t0 = System.nanoTime();
                var model = trainer.train(data);
                double seconds = (System.nanoTime() - t0) / 1e9;
                return new Run(labels(model), seconds, counter.iterations);
            } finally {
                log.removeHandler(counter);
                log.setUseParentHandlers(parents);
            }
        }

        /** Our {@code MiniBatchKMeansTrainer}, exact mode, its k-means++ start, tolerance 0. */
        Run ours(int k, int maxIterations, int threads, long seed) {
            MiniBatchKMeansTrainer trainer = new MiniBatchKMeansTrainer(k, maxIterations,
                    MiniBatchKMeansTrainer.Initialisation.PLUSPLUS, MiniBatchKMeansTrainer.Mode.EXACT, 4096, threads, 0.0, seed);
            long t0 = System.nanoTime();
            var model = trainer.train(data);
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Run(labels(model), seconds, model.getIterations());
        }

        /** Our trainer choosing k in {@code kMin..kMax} ({@code maxCentroids}), exact to a fixed point, k-means++. */
        Run oursChoosing(int kMin, int kMax, int maxIterations, int threads, long seed) {
            MiniBatchKMeansTrainer trainer = new MiniBatchKMeansTrainer(kMin, maxIterations,
                    MiniBatchKMeansTrainer.Initialisation.PLUSPLUS, MiniBatchKMeansTrainer.Mode.EXACT, 4096, threads, 0.0, seed)
                    .chooseK(kMax, 1);
            long t0 = System.nanoTime();
            var model = trainer.train(data);
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Run(labels(model), seconds, model.getIterations());
        }

        private int[] labels(org.tribuo.Model<ClusterID> model) {
            int[] labels = new int[data.size()];
            var predictions = model.predict(data);
            for (int i = 0; i < labels.length; i++) {
                labels[i] = predictions.get(i).getOutput().getID();
            }
            return labels;
        }
    }

    private static final class IterationCounter extends Handler {
        int iterations;

        @Override
        public void publish(LogRecord record) {
            if (record.getMessage() != null && record.getMessage().startsWith("Iteration ")) {
                iterations++;
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** Weka's instances, built once, for {@code SimpleKMeans} and ours; both without normalization, so they cluster the same space. */
    static final class Weka {
        private final Instances data;

        Weka(double[][] rows) {
            NETLIB.setLevel(java.util.logging.Level.OFF);
            ArrayList<Attribute> attributes = new ArrayList<>();
            for (int j = 0; j < rows[0].length; j++) {
                attributes.add(new Attribute("f" + j));
            }
            data = new Instances("bench", attributes, rows.length);
            for (double[] row : rows) {
                data.add(new DenseInstance(1, row));
            }
        }

        /** {@code SimpleKMeans}, its k-means++ start. */
        Run own(int k, int maxIterations, int threads, long seed) throws Exception {
            CountingSimpleKMeans kmeans = new CountingSimpleKMeans();
            kmeans.setNumClusters(k);
            kmeans.setMaxIterations(maxIterations);
            kmeans.setSeed((int) seed);
            kmeans.setNumExecutionSlots(threads);
            kmeans.setInitializationMethod(new SelectedTag(SimpleKMeans.KMEANS_PLUS_PLUS, SimpleKMeans.TAGS_SELECTION));
            EuclideanDistance distance = new EuclideanDistance();
            distance.setDontNormalize(true);
            kmeans.setDistanceFunction(distance);
            kmeans.setPreserveInstancesOrder(true);
            long t0 = System.nanoTime();
            kmeans.buildClusterer(data);
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Run(kmeans.getAssignments(), seconds, kmeans.iterations());
        }

        /** Our {@code weka.clusterers.MiniBatchKMeans}, exact mode, its k-means++ start, one start, tolerance 0. */
        Run ours(int k, int maxIterations, int threads, long seed) throws Exception {
            return ours(k, 0, maxIterations, threads, seed);
        }

        /** As {@link #ours(int, int, int, long)}, choosing k from {@code k} to {@code kMax} ({@code -H}) when above it. */
        Run ours(int k, int kMax, int maxIterations, int threads, long seed) throws Exception {
            weka.clusterers.MiniBatchKMeans kmeans = new weka.clusterers.MiniBatchKMeans();
            kmeans.setNumClusters(k);
            kmeans.setMaxNumClusters(kMax);
            kmeans.setMaxIterations(maxIterations);
            kmeans.setSeed((int) seed);
            kmeans.setNumExecutionSlots(threads);
            kmeans.setRestarts(1);
            kmeans.setTolerance(0);
            kmeans.setDontNormalize(true);
            long t0 = System.nanoTime();
            kmeans.buildClusterer(data);
            double seconds = (System.nanoTime() - t0) / 1e9;
            int[] labels = new int[data.numInstances()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = kmeans.clusterInstance(data.instance(i));
            }
            return new Run(labels, seconds, kmeans.getModel().iterations());
        }
    }

    /** SimpleKMeans keeps its iteration count in a protected field only. */
    private static final class CountingSimpleKMeans extends SimpleKMeans {
        private static final long serialVersionUID = 1L;

        int iterations() {
            return m_Iterations;
        }
    }
}
