package io.github.minibatchkmeans.benchmarks;

import io.github.minibatchkmeans.cli.AdjustedRandIndex;
import io.github.minibatchkmeans.core.MissingValues;
import io.github.minibatchkmeans.tribuo.MiniBatchKMeansModel;
import io.github.minibatchkmeans.tribuo.MiniBatchKMeansTrainer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.kmeans.KMeansModel;
import org.tribuo.clustering.kmeans.KMeansTrainer;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Missing values through Tribuo: Tribuo's own {@code KMeansTrainer} cannot take a NaN (its
 * {@code Dataset} refuses one), so its way is to fill each with the feature's mean first; ours takes
 * the NaN from a {@code DataSource} and fills it (impute) or leaves it out (ignore). Blobs with a
 * share of the values missing, one thread, k-means++ and at most 300 iterations each, in one JVM,
 * twice (the second run warm): time and the adjusted Rand index against the true blobs.
 *
 * <pre>java -cp benchmarks/target/minibatch-kmeans-benchmarks.jar io.github.minibatchkmeans.benchmarks.MissingPeers ROWS SHARE</pre>
 */
public final class MissingPeers {
    private static final int K = 8;
    private static final int DIMS = 4;
    private static final int MAX_ITERATIONS = 300;

    private MissingPeers() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: MissingPeers ROWS SHARE");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0]);
        double share = Double.parseDouble(args[1]);
        Random random = new Random(3);
        double[][] centres = new double[K][DIMS];
        for (double[] c : centres) {
            for (int j = 0; j < DIMS; j++) {
                c[j] = 20 * random.nextDouble() - 10;
            }
        }
        int[] truth = new int[n];
        double[][] rows = new double[n][DIMS];
        long missing = 0;
        for (int i = 0; i < n; i++) {
            truth[i] = i % K;
            for (int j = 0; j < DIMS; j++) {
                boolean gap = j > 0 && random.nextDouble() < share; // never a whole row
                rows[i][j] = gap ? Double.NaN : centres[truth[i]][j] + 1.5 * random.nextGaussian();
                missing += gap ? 1 : 0;
            }
        }
        ClusteringFactory factory = new ClusteringFactory();
        String[] names = {"f0", "f1", "f2", "f3"};
        List<Example<ClusterID>> withGaps = new ArrayList<>(n);
        MutableDataset<ClusterID> filled = new MutableDataset<>(new SimpleDataSourceProvenance("filled", factory), factory);
        double[] means = columnMeans(rows);
        for (double[] row : rows) {
            withGaps.add(new ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, names, row));
            double[] complete = row.clone();
            for (int j = 0; j < DIMS; j++) {
                complete[j] = Double.isNaN(complete[j]) ? means[j] : complete[j];
            }
            filled.add(new ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, names, complete));
        }
        ListDataSource<ClusterID> source = new ListDataSource<>(withGaps, factory, new SimpleDataSourceProvenance("gaps", factory));
        System.out.printf(Locale.ROOT, "%,d rows x %d, %d blobs, %,d values missing (%.0f %%), one thread%n", n, DIMS, K, missing,
                100 * share);
        for (int run = 1; run <= 2; run++) {
            long t0 = System.nanoTime();
            KMeansModel theirs = new KMeansTrainer(K, MAX_ITERATIONS, new L2Distance(), KMeansTrainer.Initialisation.PLUSPLUS, 1, 1)
                    .train(filled);
            long t1 = System.nanoTime();
            MiniBatchKMeansModel imputed = trainer(MissingValues.IMPUTE).train(source, Collections.emptyMap());
            long t2 = System.nanoTime();
            MiniBatchKMeansModel ignored = trainer(MissingValues.IGNORE).train(source, Collections.emptyMap());
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT, "run %d: Tribuo KMeansTrainer on mean-filled rows %.2f s, ARI %.3f | ours, impute %.2f s, "
                            + "ARI %.3f | ours, ignore %.2f s, ARI %.3f%n", run, (t1 - t0) / 1e9, ari(truth, theirs.predict(filled)),
                    (t2 - t1) / 1e9, ari(truth, imputed.getKMeansModel().predict(rows)), (t3 - t2) / 1e9,
                    ari(truth, ignored.getKMeansModel().predict(rows)));
        }
    }

    /** Our trainer, one thread, k-means++, exact, with {@code missing} as an OLCUT configuration would set it. */
    private static MiniBatchKMeansTrainer trainer(MissingValues missing) throws ReflectiveOperationException {
        MiniBatchKMeansTrainer trainer = new MiniBatchKMeansTrainer(K, MAX_ITERATIONS, MiniBatchKMeansTrainer.Initialisation.PLUSPLUS,
                MiniBatchKMeansTrainer.Mode.EXACT, 4096, 1, -1, 1);
        java.lang.reflect.Field field = MiniBatchKMeansTrainer.class.getDeclaredField("missing");
        field.setAccessible(true);
        field.set(trainer, missing);
        return trainer;
    }

    private static double[] columnMeans(double[][] rows) {
        double[] sum = new double[DIMS];
        long[] count = new long[DIMS];
        for (double[] row : rows) {
            for (int j = 0; j < DIMS; j++) {
                if (!Double.isNaN(row[j])) {
                    sum[j] += row[j];
                    count[j]++;
                }
            }
        }
        for (int j = 0; j < DIMS; j++) {
            sum[j] /= count[j];
        }
        return sum;
    }

    private static double ari(int[] truth, int[] labels) {
        AdjustedRandIndex agreement = new AdjustedRandIndex(K, K);
        for (int i = 0; i < truth.length; i++) {
            agreement.add(truth[i], labels[i]);
        }
        return agreement.value();
    }

    private static double ari(int[] truth, List<org.tribuo.Prediction<ClusterID>> predictions) {
        int[] labels = new int[predictions.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = predictions.get(i).getOutput().getID();
        }
        return ari(truth, labels);
    }
}
