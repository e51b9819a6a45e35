package io.github.minibatchkmeans.examples;

import io.github.minibatchkmeans.spark.MiniBatchKMeans;
import io.github.minibatchkmeans.spark.MiniBatchKMeansModel;
import java.util.Arrays;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Spark ML: a CSV file read by Spark's own reader, its numeric columns (all but "cluster") assembled
 * into a features vector, clustered by the exact estimator, and the model saved and loaded back as
 * Spark ML models are.
 *
 * <pre>java -cp ... io.github.minibatchkmeans.examples.SparkExample data.csv 4 model-dir</pre>
 */
public final class SparkExample {
    private SparkExample() {
    }

    /** Fits {@code k} clusters to the CSV file on a local Spark, saves the model; returns its cost. */
    public static double run(String csv, int k, String modelDir) throws Exception {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("SparkExample")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            Dataset<Row> table = spark.read().option("header", "true").option("inferSchema", "true").csv(csv);
            String[] features = Arrays.stream(table.columns()).filter(c -> !c.equals("cluster")).toArray(String[]::new);
            Dataset<Row> data = new VectorAssembler().setInputCols(features).setOutputCol("features").transform(table);

            MiniBatchKMeansModel model = new MiniBatchKMeans().setK(k).setSeed(1).fit(data);
            System.out.printf("%d rows, %d features: cost %.6g after %d iterations, sizes %s%n", data.count(),
                    features.length, model.summary().trainingCost(), model.summary().numIter(),
                    Arrays.toString(model.summary().clusterSizes()));
            model.write().overwrite().save(modelDir);
            MiniBatchKMeansModel loaded = MiniBatchKMeansModel.load(modelDir);
            System.out.println("model saved to " + modelDir + " and loaded back: " + loaded.clusterCenters().length
                    + " centres");
            return model.summary().trainingCost();
        } finally {
            spark.stop();
        }
    }

    public static void main(String[] args) throws Exception {
        if (Usage.wrong(SparkExample.class, "DATA.csv K MODEL_DIR", args, 3, 3, System.err, 1)) {
            System.exit(2);
        }
        run(args[0], Integer.parseInt(args[1]), args[2]);
    }
}
