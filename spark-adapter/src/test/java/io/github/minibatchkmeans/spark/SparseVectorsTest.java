package io.github.minibatchkmeans.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.mllib.clustering.KMeans;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * {@code SparseVector} features stay sparse — never a dense copy, so 2^18 features are no burden —
 * and are clustered as their dense copies are, as Spark's own k-means clusters them, and with the
 * same bits however the rows are partitioned.
 */
class SparseVectorsTest {
    private static final int N = 1_200;
    private static final int D = 1_000;
    private static final int K = 4;

    /**
     * Text-like rows: four topics of 50 features each, ~12 values a row, a little noise, and a few of
     * 20 common features in every row (without them rows of different topics are orthogonal, and
     * under the cosine metric exact ties — which rounding then breaks — decide the farthest rows).
     */
    private static double[][] topics() {
        Random random = new Random(21);
        double[][] x = new double[N][D];
        for (int i = 0; i < N; i++) {
            for (int t = 0; t < 8; t++) {
                x[i][(i % K) * 50 + random.nextInt(50)] = 1 + 2 * random.nextDouble(); // no ties: Spark breaks them otherwise
            }
            x[i][200 + random.nextInt(D - 220)] = random.nextDouble();
            for (int t = 0; t < 3; t++) { // common words: no row is orthogonal to another, so no distance ties by accident
                x[i][D - 20 + random.nextInt(20)] = random.nextDouble();
            }
        }
        return x;
    }

    /**
     * A row of each topic: no cluster empties. (An empty cluster takes a farthest row, as in
     * scikit-learn, where Spark's k-means keeps it where it was; and under the cosine metric rows
     * orthogonal to every centroid tie for the farthest at exactly √2, a tie that rounding breaks,
     * differently for sparse and dense rows.)
     */
    private static double[][] start(double[][] x) {
        return new double[][] {x[0], x[1], x[2], x[3]};
    }

    private static MiniBatchKMeans fromStart(double[][] x, String measure) {
        return new MiniBatchKMeans().setK(K).setInitialCenters(start(x)).setMaxIter(100).setTol(0).setDistanceMeasure(measure);
    }

    @Test
    void sparseVectorsAreClusteredAsTheirDenseCopiesAndAsSparksOwnKMeans() {
        double[][] x = topics();
        Dataset<Row> sparse = LocalSpark.frame(x, null, 3, true).cache();
        Dataset<Row> dense = LocalSpark.frame(x, null, 3, false);
        for (String measure : new String[] {"euclidean", "cosine"}) {
            MiniBatchKMeansModel fromSparse = fromStart(x, measure).fit(sparse);
            MiniBatchKMeansModel fromDense = fromStart(x, measure).fit(dense);
            assertEquals(fromDense.summary().numIter(), fromSparse.summary().numIter(), measure);
            assertClose(fromDense.toKMeansModel().centroids(), fromSparse.toKMeansModel().centroids(), 1e-12, measure);
            assertArrayEquals(LocalSpark.predictions(fromDense.transform(dense)), LocalSpark.predictions(fromSparse.transform(sparse)));
            MiniBatchKMeansModel onePartition = fromStart(x, measure).fit(LocalSpark.frame(x, null, 1, true));
            assertTrue(Arrays.deepEquals(onePartition.toKMeansModel().centroids(), fromSparse.toKMeansModel().centroids()),
                    measure + ": 1 or 3 partitions, the same bits");

            org.apache.spark.mllib.linalg.Vector[] initial = Arrays.stream(start(x)).map(org.apache.spark.mllib.linalg.Vectors::dense)
                    .toArray(org.apache.spark.mllib.linalg.Vector[]::new);
            var spark = new KMeans().setK(K).setMaxIterations(100).setEpsilon(0).setDistanceMeasure(measure)
                    .setInitialModel(new org.apache.spark.mllib.clustering.KMeansModel(initial))
                    .run(sparse.select("features").javaRDD().map(r -> org.apache.spark.mllib.linalg.Vectors.fromML(r.getAs(0))).rdd());
            double[][] theirs = Arrays.stream(spark.clusterCenters()).map(org.apache.spark.mllib.linalg.Vector::toArray)
                    .toArray(double[][]::new);
            assertClose(theirs, fromSparse.toKMeansModel().centroids(), 1e-9, measure + " against Spark's KMeans");
        }
    }

    @Test
    void seedingOnSparseVectorsDoesNotDependOnThePartitioning() {
        double[][] x = topics();
        for (String init : new String[] {"k-means||", "k-means++"}) {
            MiniBatchKMeans estimator = new MiniBatchKMeans().setK(K).setSeed(9).setInitMode(init);
            double[][] one = estimator.fit(LocalSpark.frame(x, null, 1, true)).toKMeansModel().centroids();
            double[][] five = estimator.fit(LocalSpark.frame(x, null, 5, true)).toKMeansModel().centroids();
            assertTrue(Arrays.deepEquals(one, five), init);
        }
    }

    @Test
    void aMillionWideFeaturesVectorIsNoBurden() {
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType(
                new org.apache.spark.sql.types.StructField[] {org.apache.spark.sql.types.DataTypes.createStructField("features",
                        org.apache.spark.ml.linalg.SQLDataTypes.VectorType(), true)});
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) { // 2^20 features: dense, 200 rows would take 1.6 GB
            rows.add(org.apache.spark.sql.RowFactory.create(org.apache.spark.ml.linalg.Vectors.sparse(1 << 20,
                    new int[] {i % 2, 1000 + i}, new double[] {5.0, 1.0})));
        }
        Dataset<Row> wide = LocalSpark.session().createDataFrame(rows, schema).repartition(2);
        MiniBatchKMeansModel model = new MiniBatchKMeans().setK(2).setSeed(1).fit(wide);
        assertEquals(1 << 20, model.toKMeansModel().dimensions());
        double[] sizes = model.summary().clusterWeights();
        assertArrayEquals(new double[] {100, 100}, sizes[0] <= sizes[1] ? sizes : new double[] {sizes[1], sizes[0]}, 0.0);
        List<Row> predicted = model.transform(wide).select("prediction").collectAsList(); // predicted sparse, too
        assertEquals(200, predicted.stream().filter(r -> !r.isNullAt(0)).count());
    }

    private static void assertClose(double[][] expected, double[][] actual, double relative, String what) {
        for (int c = 0; c < expected.length; c++) {
            for (int j = 0; j < expected[c].length; j++) {
                assertEquals(expected[c][j], actual[c][j], relative * Math.max(1, Math.abs(expected[c][j])), what + ", centroid " + c);
            }
        }
    }
}
