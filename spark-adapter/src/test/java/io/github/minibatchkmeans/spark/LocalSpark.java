package io.github.minibatchkmeans.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** One local[2] session for the whole test JVM (starting one takes seconds), and seeded test data. */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("minibatch-kmeans tests")
                    .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                    .config("spark.driver.host", "127.0.0.1").getOrCreate();
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }

    /** The session a benchmark runs in ({@code master}: its threads), made before {@link #session()} would make the tests' one. */
    static SparkSession benchmarkSession(String master, String name) {
        SparkSession spark = SparkSession.builder().master(master).appName(name).config("spark.ui.enabled", "false")
                .config("spark.driver.memory", "4g").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    /** {@code n} rows around {@code clusters} well-separated centers in {@code dims} dimensions, far from the origin. */
    static double[][] blobs(int n, int dims, int clusters, long seed) {
        Random random = new Random(seed);
        double[][] centers = new double[clusters][dims];
        for (double[] c : centers) {
            for (int j = 0; j < dims; j++) {
                c[j] = 1000 + 20 * random.nextDouble();
            }
        }
        double[][] rows = new double[n][dims];
        for (int i = 0; i < n; i++) {
            double[] c = centers[random.nextInt(clusters)];
            for (int j = 0; j < dims; j++) {
                rows[i][j] = c[j] + random.nextGaussian() * 1.5;
            }
        }
        return rows;
    }

    /** {@code rows} as a data set with columns id (row index), features (vector; null for a null row) and weight, in {@code partitions} partitions. */
    static Dataset<Row> frame(double[][] rows, double[] weights, int partitions) {
        return frame(rows, weights, partitions, false);
    }

    /** As {@link #frame(double[][], double[], int)}, each features vector a {@code SparseVector} when {@code sparse}. */
    static Dataset<Row> frame(double[][] rows, double[] weights, int partitions, boolean sparse) {
        StructType schema = new StructType(new StructField[] {
                DataTypes.createStructField("id", DataTypes.LongType, false),
                DataTypes.createStructField("features", SQLDataTypes.VectorType(), true),
                DataTypes.createStructField("weight", DataTypes.DoubleType, true)});
        List<Row> list = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            org.apache.spark.ml.linalg.Vector vector = rows[i] == null ? null : sparse ? Vectors.dense(rows[i]).toSparse()
                    : Vectors.dense(rows[i]);
            list.add(RowFactory.create((long) i, vector, weights == null ? 1.0 : weights[i]));
        }
        return session().createDataFrame(list, schema).repartition(partitions);
    }

    /** The prediction column, by row id. */
    static int[] predictions(Dataset<Row> labelled) {
        List<Row> rows = labelled.select("id", "prediction").orderBy("id").collectAsList();
        int[] out = new int[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i).getInt(1);
        }
        return out;
    }
}
