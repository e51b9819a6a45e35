package io.github.minibatchkmeans.spark;

import io.github.minibatchkmeans.core.NpySource;
import io.github.minibatchkmeans.core.spi.BatchReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A benchmark, not a test: choosing k through the Spark door ({@code setKMax}: every k in one job
 * per pass, scored) against fitting Spark ML's own {@code KMeans} once per k, on the same cached
 * rows of a {@code .npy} file, in one local session; both capped at the same iterations.
 *
 * <pre>
 * java -Xmx6g $OPENS -cp "spark-adapter/target/test-classes:spark-adapter/target/classes:$(cat spark-adapter/target/bench.classpath)" \
 *     io.github.minibatchkmeans.spark.SparkSweepBenchmark FILE.npy ROWS KMIN KMAX [MASTER]
 * </pre>
 */
public final class SparkSweepBenchmark {
    private static final int MAX_ITERATIONS = 300;

    private SparkSweepBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[1]);
        int kMin = Integer.parseInt(args[2]);
        int kMax = Integer.parseInt(args[3]);
        String master = args.length > 4 ? args[4] : "local[1]";
        SparkSession spark = LocalSpark.benchmarkSession(master, "minibatch-kmeans sweep benchmark");
        double[][] x = read(new NpySource(Path.of(args[0])), rows);
        Dataset<Row> data = LocalSpark.frame(x, null, spark.sparkContext().defaultParallelism()).select("features").cache();
        data.count();
        MiniBatchKMeans ours = new MiniBatchKMeans().setK(kMin).setKMax(kMax).setSeed(1).setMaxIter(MAX_ITERATIONS)
                .setInitMode("k-means++");
        ours.fit(data); // warm-up
        long t0 = System.nanoTime();
        MiniBatchKMeansModel chosen = ours.fit(data);
        double oursSeconds = (System.nanoTime() - t0) / 1e9;
        double theirs = 0;
        for (int k = kMin; k <= kMax; k++) {
            long t1 = System.nanoTime();
            new org.apache.spark.ml.clustering.KMeans().setK(k).setSeed(1).setMaxIter(MAX_ITERATIONS).fit(data);
            theirs += (System.nanoTime() - t1) / 1e9;
        }
        System.out.printf(Locale.ROOT, "%,d rows x %d, k = %d..%d, %s, cap %d iterations%n", x.length, x[0].length, kMin, kMax,
                master, MAX_ITERATIONS);
        System.out.printf(Locale.ROOT, "Spark   MiniBatchKMeans kMax %d: %.2f s (k = %d) | Spark ML KMeans, each k: %.2f s | ratio %.2f%n",
                kMax, oursSeconds, chosen.getK(), theirs, oursSeconds / theirs);
        spark.stop();
    }

    private static double[][] read(NpySource source, int limit) throws java.io.IOException {
        int d = source.dimensions();
        List<double[]> out = new ArrayList<>();
        double[] weight = new double[1];
        try (BatchReader reader = source.open()) {
            for (double[] row = new double[d]; out.size() < limit && reader.read(row, weight, 1) == 1; row = new double[d]) {
                out.add(row);
            }
        }
        return out.toArray(double[][]::new);
    }
}
