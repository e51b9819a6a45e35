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
 * The toolkits' own k-means, run in this JVM on the same in-memory rows for {@code bench --peers}.
 * ELKI's take the same start; Tribuo's and Weka's cannot be given one and start from their own
 * k-means++. Only the training call is timed, not the conversion into each toolkit's data structure.
 */
final class Peers {
    /** netlib-java, under Weka, logs each native library it does not find: kept quiet (and referenced, so it stays so). */
    private static final Logger NETLIB = Logger.getLogger("com.github.fommil.netlib");

    private Peers() {
    }

    /** A peer's result: final labels in row order, seconds of the training call, iterations run. */
    record Run(int[] labels, double seconds, int iterations) {
    }

    /** ELKI's rows, converted once for its three algorithms. */
    static final class Elki {
        private final Relation<NumberVector> relation;

        Elki(double[][] rows) {
            Database db = new StaticArrayDatabase(new ArrayAdapterDatabaseConnection(rows), null);
            db.initialize();
            this.relation = db.getRelation(TypeUtil.NUMBER_VECTOR_FIELD);
        }

        /** {@code algorithm}: "lloyd", "hamerly" or "elkan"; at most {@code maxIterations}. */
        Run run(String algorithm, double[][] start, int maxIterations) {
            Class<?> type = switch (algorithm) {
                case "lloyd" -> LloydKMeans.class;
                case "hamerly" -> HamerlyKMeans.class;
                case "elkan" -> ElkanKMeans.class;
                default -> throw new IllegalArgumentException(algorithm);
            };
            StringBuilder means = new StringBuilder(); // Double.toString round-trips: the very same start
            for (int c = 0; c < start.length; c++) {
                for (int j = 0; j < start[c].length; j++) {
                    means.append(j == 0 ? (c == 0 ? "" : ";") : ",").append(start[c][j]);
                }
            }
            @SuppressWarnings("unchecked")
            KMeans<NumberVector, KMeansModel> kmeans = (KMeans<NumberVector, KMeansModel>) new ELKIBuilder<>(type)
                    .with(KMeans.K_ID, start.length).with(KMeans.MAXITER_ID, maxIterations)
                    .with(KMeans.INIT_ID, Predefined.class).with(Predefined.Par.INITIAL_MEANS, means.toString()).build();
            long t0 = System.nanoTime();
            Clustering<KMeansModel> clustering = kmeans.run(relation);
            double seconds = (System.nanoTime() - t0) / 1e9;
            DBIDRange ids = (DBIDRange) relation.getDBIDs();
            int[] labels = new int[relation.size()];
            int c = 0;
            for (Cluster<KMeansModel> cluster : clustering.getAllClusters()) {
                for (DBIDIter it = cluster.getIDs().iter(); it.valid(); it.advance()) {
                    labels[ids.getOffset(it)] = c;
                }
                c++;
            }
            return new Run(labels, seconds, -1);
        }
    }

    /** Tribuo's {@code KMeansTrainer} with its k-means++ start; iterations counted from its log. */
    static Run tribuo(double[][] rows, int k, int maxIterations, int threads, long seed) {
        ClusteringFactory factory = new ClusteringFactory();
        MutableDataset<ClusterID> data = new MutableDataset<>(new SimpleDataSourceProvenance("bench", factory), factory);
        int dims = rows[0].length;
        String[] names = new String[dims];
        for (int j = 0; j < dims; j++) {
            names[j] = String.format(Locale.ROOT, "f%06d", j); // sorted as the columns are
        }
        for (double[] row : rows) {
            data.add(new ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, names, row));
        }
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
            int[] labels = new int[rows.length];
            var predictions = model.predict(data);
            for (int i = 0; i < labels.length; i++) {
                labels[i] = predictions.get(i).getOutput().getID();
            }
            return new Run(labels, seconds, counter.iterations);
        } finally {
            log.removeHandler(counter);
            log.setUseParentHandlers(parents);
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

    /** Weka's {@code SimpleKMeans}, k-means++ start, no normalization (so it clusters the same space). */
    static Run weka(double[][] rows, int k, int maxIterations, int threads, long seed) throws Exception {
        NETLIB.setLevel(java.util.logging.Level.OFF);
        ArrayList<Attribute> attributes = new ArrayList<>();
        for (int j = 0; j < rows[0].length; j++) {
            attributes.add(new Attribute("f" + j));
        }
        Instances data = new Instances("bench", attributes, rows.length);
        for (double[] row : rows) {
            data.add(new DenseInstance(1, row));
        }
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

    /** SimpleKMeans keeps its iteration count in a protected field only. */
    private static final class CountingSimpleKMeans extends SimpleKMeans {
        private static final long serialVersionUID = 1L;

        int iterations() {
            return m_Iterations;
        }
    }
}
