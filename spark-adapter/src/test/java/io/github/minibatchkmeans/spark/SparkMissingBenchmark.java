package io.github.minibatchkmeans.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A benchmark, not a test: missing values through the Spark door ({@code missing} impute: the
 * column means counted in the summary's first job, filled on the executors) against Spark ML's own
 * way — {@code Imputer} (mean) on the columns, {@code VectorAssembler}, {@code KMeans} — on the same
 * rows with the same gaps, cached, in one local session; both k-means|| and capped at the same
 * iterations. Prints each one's time (second of two runs) and cost, and ours with {@code missing} ignore
 * (rows measured over the features they have: another objective, so its cost is not comparable).
 *
 * <pre>
 * java -Xmx6g $OPENS -cp "spark-adapter/target/test-classes:spark-adapter/target/classes:$(cat spark-adapter/target/bench.classpath)" \
 *     io.github.minibatchkmeans.spark.SparkMissingBenchmark ROWS DIMS K SHARE_MISSING [MASTER]
 * </pre>
 */
public final class SparkMissingBenchmark {
    private static final int MAX_ITERATIONS = 50;

    private SparkMissingBenchmark() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int d = Integer.parseInt(args[1]);
        int k = Integer.parseInt(args[2]);
        double share = Double.parseDouble(args[3]);
        String master = args.length > 4 ? args[4] : "local[1]";
        SparkSession spark = LocalSpark.benchmarkSession(master, "minibatch-kmeans missing-values benchmark");
        double[][] x = LocalSpark.blobs(n, d, k, 5);
        Random random = new Random(6);
        long missing = 0;
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                if (random.nextDouble() < share) {
                    row[j] = Double.NaN;
                    missing++;
                }
            }
        }
        int parts = spark.sparkContext().defaultParallelism();
        Dataset<Row> vectors = LocalSpark.frame(x, null, parts).select("features").cache();
        vectors.count();
        Dataset<Row> columns = columns(spark, x, parts).cache();
        columns.count();

        MiniBatchKMeans ours = new MiniBatchKMeans().setK(k).setSeed(1).setMaxIter(MAX_ITERATIONS);
        MiniBatchKMeans oursIgnoring = new MiniBatchKMeans().setK(k).setSeed(1).setMaxIter(MAX_ITERATIONS).setMissing("ignore");
        String[] names = new String[d];
        String[] filled = new String[d];
        for (int j = 0; j < d; j++) {
            names[j] = "x" + j;
            filled[j] = "x" + j + "_filled";
        }
        Pipeline theirs = new Pipeline().setStages(new PipelineStage[] {
                new Imputer().setStrategy("mean").setInputCols(names).setOutputCols(filled),
                new VectorAssembler().setInputCols(filled).setOutputCol("features"),
                new org.apache.spark.ml.clustering.KMeans().setK(k).setSeed(1).setMaxIter(MAX_ITERATIONS)});
        double oursSeconds = 0;
        double theirSeconds = 0;
        double ignoringSeconds = 0;
        MiniBatchKMeansModel oursModel = null;
        MiniBatchKMeansModel ignoringModel = null;
        PipelineModel theirModel = null;
        for (int run = 0; run < 2; run++) {
            long t0 = System.nanoTime();
            oursModel = ours.fit(vectors);
            oursSeconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            theirModel = theirs.fit(columns);
            theirSeconds = (System.nanoTime() - t1) / 1e9;
            long t2 = System.nanoTime();
            ignoringModel = oursIgnoring.fit(vectors);
            ignoringSeconds = (System.nanoTime() - t2) / 1e9;
        }
        KMeansModel kmeans = (KMeansModel) theirModel.stages()[2];
        System.out.printf(Locale.ROOT, "%,d rows x %d, k = %d, %,d values missing (%.0f %%), %s, cap %d iterations%n", n, d, k, missing,
                100 * share, master, MAX_ITERATIONS);
        System.out.printf(Locale.ROOT, "Spark MiniBatchKMeans (missing impute): %.2f s, cost %.6g, %d missing filled | "
                        + "Imputer + VectorAssembler + Spark ML KMeans: %.2f s, cost %.6g | ratio %.2f%n", oursSeconds,
                oursModel.summary().trainingCost(), oursModel.summary().missingValues(), theirSeconds, kmeans.summary().trainingCost(),
                oursSeconds / theirSeconds);
        System.out.printf(Locale.ROOT, "Spark MiniBatchKMeans (missing ignore): %.2f s, %d iterations, %d missing left out%n",
                ignoringSeconds, ignoringModel.summary().numIter(), ignoringModel.summary().missingValues());
        spark.stop();
    }

    /** {@code x} as one double column per feature (NaN where missing), for Spark ML's Imputer. */
    private static Dataset<Row> columns(SparkSession spark, double[][] x, int parts) {
        int d = x[0].length;
        StructField[] fields = new StructField[d];
        for (int j = 0; j < d; j++) {
            fields[j] = DataTypes.createStructField("x" + j, DataTypes.DoubleType, false);
        }
        List<Row> rows = new ArrayList<>(x.length);
        for (double[] row : x) {
            Object[] values = new Object[d];
            for (int j = 0; j < d; j++) {
                values[j] = row[j];
            }
            rows.add(RowFactory.create(values));
        }
        return spark.createDataFrame(rows, new StructType(fields)).repartition(parts);
    }
}
