package io.github.minibatchkmeans.spark;

import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.mllib.clustering.KMeansModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A benchmark, not a test: our EXACT estimator against Spark's own k-means on the same cached
 * data, in one local session. Same start and iteration count as {@code mllib.clustering.KMeans}
 * (the engine under Spark ML's {@code KMeans}, the only one that takes a start in Spark 4);
 * Spark ML's {@code KMeans} itself from a random start. Per iteration: (fit with all iterations −
 * fit with one) / (iterations − 1), so caching, checks, seeding and final passes cancel out.
 *
 * <pre>
 * mvn -B -q -pl spark-adapter dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
 * java -Xmx6g -cp "spark-adapter/target/test-classes:spark-adapter/target/classes:$(cat spark-adapter/target/bench.classpath)" \
 *     io.github.minibatchkmeans.spark.SparkBenchmark ROWS DIMS K ITERATIONS [MASTER]
 * java … io.github.minibatchkmeans.spark.SparkBenchmark FILE.libsvm FEATURES K ITERATIONS [MASTER [euclidean|cosine]]
 * </pre>
 * The second form reads sparse rows with Spark's own {@code libsvm} data source (1-based indices,
 * {@code SparseVector}s) and starts from its first k rows, under the given distance measure
 * (Spark ML's {@code KMeans} from a random start is left out there).
 */
public final class SparkBenchmark {
    private SparkBenchmark() {
    }

    public static void main(String[] args) {
        String file = args.length > 0 && args[0].endsWith(".libsvm") ? args[0] : null;
        int dims = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int iterations = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        String master = args.length > 4 ? args[4] : "local[1]";
        String measure = args.length > 5 ? args[5] : "euclidean";
        SparkSession spark = SparkSession.builder().master(master).appName("minibatch-kmeans benchmark")
                .config("spark.ui.enabled", "false").config("spark.driver.memory", "4g").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        int partitions = spark.sparkContext().defaultParallelism();
        Dataset<Row> data;
        double[][] start;
        if (file == null) {
            double[][] x = LocalSpark.blobs(args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000, dims, k, 7);
            start = Arrays.copyOfRange(x, 0, k);
            data = LocalSpark.frame(x, null, partitions).select("features").cache();
        } else {
            data = spark.read().format("libsvm").option("numFeatures", dims).load(file).select("features")
                    .repartition(partitions).cache();
            start = data.takeAsList(k).stream().map(r -> ((org.apache.spark.ml.linalg.Vector) r.get(0)).toArray())
                    .toArray(double[][]::new);
        }
        JavaRDD<org.apache.spark.mllib.linalg.Vector> old = data.javaRDD()
                .map(r -> org.apache.spark.mllib.linalg.Vectors.fromML(r.getAs(0))).cache();
        old.count(); // both inputs cached before any timing
        System.out.printf(Locale.ROOT, "%,d rows × %d%s, k = %d, %s, %d iterations, %s, %d partitions, kernel %s%n", data.count(), dims,
                file == null ? "" : " (sparse, " + file + ")", k, measure, iterations, master, partitions,
                io.github.minibatchkmeans.core.MiniBatchKMeans.distanceKernel());
        for (int round = 0; round < 2; round++) { // the first round warms the JIT up
            double[] ours = new double[2];
            double[] mllib = new double[2];
            double[] ml = new double[2];
            MiniBatchKMeansModel fitted = null;
            KMeansModel theirs = null;
            for (int run = 0; run < 2; run++) { // 1 iteration, then all: the difference is the iterations alone
                int iters = run == 0 ? 1 : iterations;
                long t0 = System.nanoTime();
                fitted = new MiniBatchKMeans().setK(k).setInitialCenters(start).setMaxIter(iters).setTol(0)
                        .setDistanceMeasure(measure).fit(data);
                ours[run] = (System.nanoTime() - t0) / 1e9;
                t0 = System.nanoTime();
                org.apache.spark.mllib.linalg.Vector[] initial = Arrays.stream(start)
                        .map(org.apache.spark.mllib.linalg.Vectors::dense).toArray(org.apache.spark.mllib.linalg.Vector[]::new);
                theirs = new org.apache.spark.mllib.clustering.KMeans().setK(k).setMaxIterations(iters).setEpsilon(0)
                        .setDistanceMeasure(measure).setInitialModel(new KMeansModel(initial)).run(old.rdd());
                mllib[run] = (System.nanoTime() - t0) / 1e9;
                if (file == null) {
                    t0 = System.nanoTime();
                    new KMeans().setK(k).setMaxIter(iters).setTol(0).setSeed(1).setInitMode("random").fit(data);
                    ml[run] = (System.nanoTime() - t0) / 1e9;
                }
            }
            if (round == 1) {
                double worst = 0;
                double[][] a = fitted.toKMeansModel().centroids();
                for (int c = 0; c < k; c++) {
                    double[] b = theirs.clusterCenters()[c].toArray();
                    for (int j = 0; j < dims; j++) {
                        worst = Math.max(worst, Math.abs(a[c][j] - b[j]) / Math.max(Math.abs(b[j]), 1e-9));
                    }
                }
                double perIteration = (ours[1] - ours[0]) / (iterations - 1);
                System.out.printf(Locale.ROOT, "%-44s %12s %12s %10s %8s%n", "", "fit 1 it. s", "fit all s", "s/iter", "ratio");
                print("minibatch-kmeans EXACT (same start)", ours, iterations, perIteration);
                print("mllib.clustering.KMeans (same start)", mllib, iterations, perIteration);
                if (file == null) {
                    print("ml.clustering.KMeans (random start)", ml, iterations, perIteration);
                }
                System.out.printf(Locale.ROOT, "largest relative centroid difference to mllib: %.2e; cost ours %.6e%n", worst,
                        fitted.summary().trainingCost());
            }
        }
        spark.stop();
    }

    /** Seconds per iteration: the time {@code iterations − 1} more iterations added to a one-iteration fit. */
    private static void print(String name, double[] seconds, int iterations, double ourPerIteration) {
        double perIteration = (seconds[1] - seconds[0]) / (iterations - 1);
        System.out.printf(Locale.ROOT, "%-44s %12.2f %12.2f %10.3f %8.2f%n", name, seconds[0], seconds[1], perIteration,
                perIteration / ourPerIteration);
    }
}
