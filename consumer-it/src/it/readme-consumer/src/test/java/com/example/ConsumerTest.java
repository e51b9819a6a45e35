package com.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.MiniBatchKMeans;
import io.github.minibatchkmeans.io.ModelJson;
import io.github.minibatchkmeans.spark.MiniBatchKMeansModel;
import io.github.minibatchkmeans.tribuo.MiniBatchKMeansTrainer;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** A user's project with the README's dependencies: each artifact loads, links and fits three blobs. */
class ConsumerTest {
    /** Three blobs on the diagonal, 10 apart: row i belongs to blob i % 3. */
    private static double[][] blobs(int rows) {
        Random random = new Random(5);
        double[][] x = new double[rows][2];
        for (int i = 0; i < rows; i++) {
            x[i][0] = 10 * (i % 3) + random.nextGaussian();
            x[i][1] = 10 * (i % 3) + random.nextGaussian();
        }
        return x;
    }

    @Test
    void coreAndIo() throws Exception {
        KMeansModel model = new MiniBatchKMeans(KMeansConfig.builder(3).seed(1).build()).fit(blobs(3000));
        Path json = Files.createTempFile("model", ".json");
        try (OutputStream out = Files.newOutputStream(json)) {
            ModelJson.write(model, out);
        }
        KMeansModel read = ModelJson.read(json);
        Files.delete(json);
        assertArrayEquals(model.centroids(), read.centroids());
        assertEquals(3, read.sizes().length);
    }

    @Test
    void tribuo() {
        ClusteringFactory factory = new ClusteringFactory();
        MutableDataset<ClusterID> data = new MutableDataset<>(new SimpleDataSourceProvenance("blobs", factory), factory);
        for (double[] row : blobs(3000)) {
            data.add(new ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, new String[] {"x", "y"}, row));
        }
        assertEquals(3, new MiniBatchKMeansTrainer(3, 100, 1L).train(data).getCentroids().size());
    }

    @Test
    void spark() {
        SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
        try {
            List<Row> rows = new ArrayList<>();
            for (double[] row : blobs(3000)) {
                rows.add(RowFactory.create(Vectors.dense(row)));
            }
            StructType schema = new StructType().add("features", new VectorUDT(), false);
            Dataset<Row> data = spark.createDataFrame(rows, schema);
            MiniBatchKMeansModel model = new io.github.minibatchkmeans.spark.MiniBatchKMeans().setK(3).setSeed(1).fit(data);
            assertEquals(3000, model.transform(data).filter("prediction >= 0").count());
            assertEquals(3, model.summary().clusterSizes().length);
        } finally {
            spark.stop();
        }
    }
}
