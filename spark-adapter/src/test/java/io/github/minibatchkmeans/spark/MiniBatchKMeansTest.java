package io.github.minibatchkmeans.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.Initializers;
import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.KSweep;
import io.github.minibatchkmeans.core.MissingValues;
import io.github.minibatchkmeans.core.NpySource;
import io.github.minibatchkmeans.io.ModelJson;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.ClusteringEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.mllib.clustering.KMeans;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark estimator against the core's in-memory fit, Spark's own k-means, itself repartitioned, and Spark ML's machinery. */
class MiniBatchKMeansTest {
    private static final int K = 5;
    private static final double[][] ROWS = LocalSpark.blobs(20_000, 6, K, 11);
    /** Starts that leave no cluster empty: rows spread over the data. */
    private static final double[][] START = {ROWS[0], ROWS[1], ROWS[2], ROWS[3], ROWS[4]};
    private static Dataset<Row> data;

    @BeforeAll
    static void start() {
        data = LocalSpark.frame(ROWS, null, 4).cache();
    }

    private static MiniBatchKMeans fromStart() {
        return new MiniBatchKMeans().setK(K).setInitialCenters(START).setMaxIter(100).setTol(0);
    }

    /**
     * A NaN in a features vector is a missing value: the fit is the core's — of the data completed by
     * each feature's mean (impute), or over the features each row has (ignore) — and so is transform.
     */
    @Test
    void aNaNIsAMissingValueAsTheCoreTakesItUnderEitherPolicy() {
        double[][] gaps = new double[2000][];
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = ROWS[i].clone();
            if (i % 37 == 5) {
                gaps[i][i % 6] = Double.NaN;
            }
        }
        for (MissingValues policy : List.of(MissingValues.IMPUTE, MissingValues.IGNORE)) {
            MiniBatchKMeansModel ours = fromStart().setMissing(policy.name().toLowerCase(java.util.Locale.ROOT))
                    .fit(LocalSpark.frame(gaps, null, 3));
            KMeansConfig config = KMeansConfig.builder(K).initializer(Initializers.explicit(START)).maxIterations(100).tolerance(0)
                    .missing(policy).build();
            io.github.minibatchkmeans.core.KMeansModel core = new io.github.minibatchkmeans.core.MiniBatchKMeans(config).fit(gaps);
            double[][] theirs = Arrays.stream(ours.clusterCenters()).map(org.apache.spark.ml.linalg.Vector::toArray)
                    .toArray(double[][]::new);
            for (int c = 0; c < K; c++) {
                assertArrayEquals(core.centroid(c), theirs[c], 1e-9, policy + ": centroid " + c);
            }
            assertEquals(core.missingValues(), ours.toKMeansModel().missingValues());
            assertEquals(core.missingValues(), ours.summary().missingValues(), "the summary says how many");
            assertEquals(policy, ours.toKMeansModel().missing());
            assertTrue(core.missingValues() > 0);
            List<Row> predicted = ours.transform(LocalSpark.frame(Arrays.copyOf(gaps, 200), null, 2)).orderBy("id").collectAsList();
            int[] expected = core.predict(Arrays.copyOf(gaps, 200));
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], predicted.get(i).getInt(predicted.get(i).fieldIndex("prediction")), policy + ": row " + i);
            }
        }
    }

    @Test
    void exactEqualsTheCoresInMemoryFitAndSparksKMeans() {
        MiniBatchKMeansModel ours = fromStart().fit(data);
        KMeansConfig config = KMeansConfig.builder(K).initializer(Initializers.explicit(START)).maxIterations(100).tolerance(0)
                .threads(1).build();
        var core = new io.github.minibatchkmeans.core.MiniBatchKMeans(config);
        int[] coreLabels = core.fitPredict(ROWS);
        KMeansModel inMemory = core.model();

        assertEquals(inMemory.iterations(), ours.summary().numIter());
        assertClose(inMemory.centroids(), ours.toKMeansModel().centroids(), 1e-12);
        assertArrayEquals(coreLabels, LocalSpark.predictions(ours.transform(data)));
        assertEquals(inMemory.inertia(), ours.summary().trainingCost(), 1e-9 * inMemory.inertia());
        assertArrayEquals(inMemory.sizes(), ours.summary().clusterWeights());

        org.apache.spark.mllib.linalg.Vector[] initial = Arrays.stream(START).map(org.apache.spark.mllib.linalg.Vectors::dense)
                .toArray(org.apache.spark.mllib.linalg.Vector[]::new);
        var spark = new KMeans().setK(K).setMaxIterations(100).setEpsilon(0)
                .setInitialModel(new org.apache.spark.mllib.clustering.KMeansModel(initial))
                .run(data.select("features").javaRDD().map(r -> org.apache.spark.mllib.linalg.Vectors.fromML(r.getAs(0))).rdd());
        double[][] theirs = Arrays.stream(spark.clusterCenters()).map(org.apache.spark.mllib.linalg.Vector::toArray)
                .toArray(double[][]::new);
        assertClose(theirs, ours.toKMeansModel().centroids(), 1e-9);
    }

    @Test
    void cosineEqualsTheCoresSphericalFitAndSparksCosineKMeans() {
        MiniBatchKMeansModel ours = fromStart().setDistanceMeasure("cosine").fit(data);
        KMeansConfig config = KMeansConfig.builder(K).metric(io.github.minibatchkmeans.core.Metric.COSINE)
                .initializer(Initializers.explicit(START)).maxIterations(100).tolerance(0).threads(1).build();
        var core = new io.github.minibatchkmeans.core.MiniBatchKMeans(config);
        int[] coreLabels = core.fitPredict(ROWS);
        assertClose(core.model().centroids(), ours.toKMeansModel().centroids(), 1e-12);
        assertArrayEquals(coreLabels, LocalSpark.predictions(ours.transform(data)));

        org.apache.spark.mllib.linalg.Vector[] initial = Arrays.stream(START).map(org.apache.spark.mllib.linalg.Vectors::dense)
                .toArray(org.apache.spark.mllib.linalg.Vector[]::new);
        var spark = new KMeans().setK(K).setMaxIterations(100).setEpsilon(0).setDistanceMeasure("cosine")
                .setInitialModel(new org.apache.spark.mllib.clustering.KMeansModel(initial))
                .run(data.select("features").javaRDD().map(r -> org.apache.spark.mllib.linalg.Vectors.fromML(r.getAs(0))).rdd());
        double[][] theirs = Arrays.stream(spark.clusterCenters()).map(org.apache.spark.mllib.linalg.Vector::toArray)
                .toArray(double[][]::new);
        assertClose(theirs, ours.toKMeansModel().centroids(), 1e-9);
        double cost = spark.computeCost(data.select("features").javaRDD()
                .map(r -> org.apache.spark.mllib.linalg.Vectors.fromML(r.getAs(0))).rdd());
        assertEquals(cost, ours.summary().trainingCost(), 1e-9 * cost, "Spark's cost: the sum of 1 - cos");

        double[][] withZero = Arrays.copyOf(ROWS, 100);
        withZero[42] = new double[ROWS[0].length];
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> fromStart().setDistanceMeasure("cosine").fit(LocalSpark.frame(withZero, null, 1)));
        assertTrue(refused.getMessage().contains("row 42 of partition 0: every feature is zero"), refused.getMessage());
    }

    @Test
    void repartitionedDataGiveTheSameBits() {
        MiniBatchKMeansModel two = fromStart().fit(LocalSpark.frame(ROWS, null, 2));
        MiniBatchKMeansModel seven = fromStart().fit(LocalSpark.frame(ROWS, null, 7));
        assertTrue(Arrays.deepEquals(two.toKMeansModel().centroids(), seven.toKMeansModel().centroids()));
        assertEquals(two.summary().trainingCost(), seven.summary().trainingCost());
        assertArrayEquals(two.summary().clusterWeights(), seven.summary().clusterWeights());
        assertArrayEquals(LocalSpark.predictions(two.transform(data)), LocalSpark.predictions(seven.transform(data)));
    }

    /**
     * Seeding and stochastic sampling draw rows by ids hashed from their content, so 1, 2 or 7
     * partitions (each a reshuffle of the rows) draw the same rows: the same bits, not just the
     * EXACT iterations.
     */
    @Test
    void seedingAndSamplingDoNotDependOnThePartitioning() {
        List<MiniBatchKMeans> estimators = new ArrayList<>();
        for (String init : new String[] {"k-means||", "k-means++", "random"}) {
            estimators.add(new MiniBatchKMeans().setK(K).setSeed(5).setInitMode(init).setMaxIter(5));
        }
        estimators.add(new MiniBatchKMeans().setK(K).setSeed(5).setMode("stochastic").setBatchFraction(0.05).setMaxIter(10));
        List<Dataset<Row>> partitionings = List.of(LocalSpark.frame(ROWS, null, 1), LocalSpark.frame(ROWS, null, 2),
                LocalSpark.frame(ROWS, null, 7));
        for (MiniBatchKMeans estimator : estimators) {
            double[][] one = estimator.fit(partitionings.get(0)).toKMeansModel().centroids();
            for (Dataset<Row> partitioned : partitionings.subList(1, 3)) {
                assertTrue(Arrays.deepEquals(one, estimator.fit(partitioned).toKMeansModel().centroids()),
                        estimator.getInitMode() + " " + estimator.getMode() + ", " + partitioned.rdd().getNumPartitions() + " partitions");
            }
        }
    }

    @Test
    void seedingAndStochasticStepsFindTheClustersDeterministically() {
        double exact = fromStart().fit(data).summary().trainingCost();
        for (String init : new String[] {"k-means||", "k-means++", "random"}) {
            MiniBatchKMeans estimator = new MiniBatchKMeans().setK(K).setSeed(3).setInitMode(init);
            MiniBatchKMeansModel model = estimator.fit(data);
            assertTrue(model.summary().trainingCost() <= exact * 1.0001 || "random".equals(init),
                    init + ": " + model.summary().trainingCost() + " vs " + exact);
            assertTrue(Arrays.deepEquals(model.toKMeansModel().centroids(), estimator.fit(data).toKMeansModel().centroids()), init);
        }
        MiniBatchKMeans stochastic = new MiniBatchKMeans().setK(K).setSeed(3).setMode("stochastic").setBatchFraction(0.05)
                .setMaxIter(30);
        MiniBatchKMeansModel model = stochastic.fit(data);
        assertTrue(model.summary().numIter() <= 30);
        assertTrue(model.summary().trainingCost() < exact * 1.05, model.summary().trainingCost() + " vs " + exact);
        assertTrue(Arrays.deepEquals(model.toKMeansModel().centroids(), stochastic.fit(data).toKMeansModel().centroids()));
    }

    @Test
    void weightsCountAsRepeatedRows() {
        double[] twos = new double[ROWS.length];
        Arrays.fill(twos, 2);
        MiniBatchKMeansModel weighted = fromStart().setWeightCol("weight").fit(LocalSpark.frame(ROWS, twos, 3));
        MiniBatchKMeansModel plain = fromStart().fit(data);
        assertClose(plain.toKMeansModel().centroids(), weighted.toKMeansModel().centroids(), 1e-12);
        assertEquals(2 * plain.summary().trainingCost(), weighted.summary().trainingCost(), 1e-9 * plain.summary().trainingCost());
    }

    @Test
    void pipelineSaveLoadKeepsPredictionsAndTheCoreModelToo(@TempDir Path dir) throws Exception {
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {new MiniBatchKMeans().setK(K).setSeed(5)});
        PipelineModel fitted = pipeline.fit(data);
        int[] before = LocalSpark.predictions(fitted.transform(data));
        fitted.write().overwrite().save(dir.resolve("pipeline").toString());
        PipelineModel loaded = PipelineModel.load(dir.resolve("pipeline").toString());
        assertArrayEquals(before, LocalSpark.predictions(loaded.transform(data)));

        MiniBatchKMeansModel stage = (MiniBatchKMeansModel) loaded.stages()[0];
        java.util.List<Path> documents;
        try (var files = java.nio.file.Files.walk(dir.resolve("pipeline"))) {
            documents = files.filter(f -> f.getFileName().toString().equals("model.json")).toList();
        }
        assertEquals(1, documents.size(), "the saved stage holds the project's model document");
        KMeansModel core = ModelJson.read(documents.get(0)); // as the tool's predict reads it
        assertTrue(Arrays.deepEquals(stage.toKMeansModel().centroids(), core.centroids()));
        assertArrayEquals(before, core.predict(ROWS));
        assertArrayEquals(before, LocalSpark.predictions(MiniBatchKMeansModel.fromKMeansModel(core).transform(data)));

        MiniBatchKMeans fitter = (MiniBatchKMeans) stage.parent(); // every param of the fit, saved with the model
        assertEquals(K, fitter.getK());
        assertEquals(5, fitter.getSeed());
        assertEquals("k-means||", fitter.getInitMode());
        MiniBatchKMeansModel cosine = fromStart().setDistanceMeasure("cosine").fit(data);
        cosine.write().overwrite().save(dir.resolve("model").toString());
        MiniBatchKMeans cosineFitter = (MiniBatchKMeans) MiniBatchKMeansModel.load(dir.resolve("model").toString()).parent();
        assertEquals("cosine", cosineFitter.getDistanceMeasure());
        assertTrue(Arrays.deepEquals(START, cosineFitter.getInitialCenters()));
        assertEquals(0.0, cosineFitter.getTol());
        assertEquals(100, cosineFitter.getMaxIter());

        MiniBatchKMeans estimator = fromStart().setWeightCol("weight");
        estimator.write().overwrite().save(dir.resolve("estimator").toString());
        MiniBatchKMeans again = MiniBatchKMeans.load(dir.resolve("estimator").toString());
        assertTrue(Arrays.deepEquals(START, again.getInitialCenters()));
        assertEquals("weight", again.getWeightCol());
        assertEquals(0.0, again.getTol());
    }

    @Test
    void theToolsNpyFilesAreReadInParallelRanges(@TempDir Path dir) throws Exception {
        double[][] rows = Arrays.copyOf(ROWS, 3001);
        ByteBuffer body = ByteBuffer.allocate(rows.length * 6 * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] row : rows) {
            for (double v : row) {
                body.putDouble(v);
            }
        }
        Path file = dir.resolve("rows.npy");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(NpySource.header(rows.length, 6, false));
            out.write(body.array());
        }
        Dataset<Row> read = NpyDatasets.read(LocalSpark.session(), file.toString(), 4);
        assertEquals(4, read.javaRDD().getNumPartitions());
        List<Row> back = read.collectAsList();
        assertEquals(rows.length, back.size());
        for (int i = 0; i < rows.length; i++) {
            assertArrayEquals(rows[i], ((org.apache.spark.ml.linalg.Vector) back.get(i).get(0)).toArray());
        }
    }

    @Test
    void paramMapsAndCrossValidation() {
        Dataset<Row> small = LocalSpark.frame(Arrays.copyOf(ROWS, 2000), null, 2);
        MiniBatchKMeans estimator = new MiniBatchKMeans().setSeed(1);
        assertEquals(3, estimator.fit(small, new ParamMap().put(estimator.k().w(3))).getK());
        ParamMap[] grid = new ParamGridBuilder().addGrid(estimator.k(), new int[] {2, K}).build();
        CrossValidatorModel cv = new CrossValidator().setEstimator(estimator).setEstimatorParamMaps(grid)
                .setEvaluator(new ClusteringEvaluator()).setNumFolds(2).setSeed(1).fit(small);
        assertEquals(K, ((MiniBatchKMeansModel) cv.bestModel()).getK());
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        MiniBatchKMeans missing = new MiniBatchKMeans().setFeaturesCol("pixels");
        assertMessage("featuresCol 'pixels' is not a column", () -> missing.fit(data));
        MiniBatchKMeans wrongType = new MiniBatchKMeans().setFeaturesCol("id");
        assertMessage("featuresCol 'id' must be of type vector", () -> wrongType.fit(data));
        MiniBatchKMeans tooFew = fromStart().setK(3);
        assertMessage("initialCenters has 5 rows, k is 3", () -> tooFew.fit(data));
        for (MiniBatchKMeans refused : List.of(missing, wrongType, tooFew)) {
            assertEquals(0, jobs(refused), "schema and param errors run no job");
        }

        double[][] rows = Arrays.copyOf(ROWS, 100);
        rows[57] = new double[] {1, 2, 3};
        MiniBatchKMeans sized = new MiniBatchKMeans();
        assertMessage("row 57 of partition 0: the features vector has size 3, earlier rows 6",
                () -> sized.fit(LocalSpark.frame(rows, null, 1)));
        double[][] withNaN = Arrays.copyOf(ROWS, 100);
        withNaN[42] = withNaN[42].clone();
        withNaN[42][4] = Double.NaN;
        MiniBatchKMeans nan = new MiniBatchKMeans().setMissing("error");
        assertMessage("row 42 of partition 0: feature 4: not a finite number: NaN", () -> nan.fit(LocalSpark.frame(withNaN, null, 1)));
        double[][] tooLarge = Arrays.copyOf(ROWS, 100);
        tooLarge[17] = tooLarge[17].clone();
        tooLarge[17][2] = 1e155; // the core's rule: squared distances of such values overflow
        MiniBatchKMeans large = new MiniBatchKMeans();
        assertMessage("row 17 of partition 0: feature 2: value too large: 1.0E155",
                () -> large.fit(LocalSpark.frame(tooLarge, null, 1)));
        double[][] withNull = Arrays.copyOf(ROWS, 100);
        withNull[9] = null;
        MiniBatchKMeans nulls = new MiniBatchKMeans();
        Dataset<Row> holey = LocalSpark.frame(withNull, null, 1);
        assertMessage("row 9 of partition 0: the features vector is null", () -> nulls.fit(holey));
        Row unlabelled = fromStart().fit(data).transform(holey).filter("id = 9").first();
        assertTrue(unlabelled.isNullAt(unlabelled.fieldIndex("prediction")), "no features, no prediction");
        MiniBatchKMeansModel fitted = fromStart().fit(data);
        Row notANumber = fitted.transform(LocalSpark.frame(withNaN, null, 1)).filter("id = 42").first();
        assertFalse(notANumber.isNullAt(notANumber.fieldIndex("prediction")), "a NaN is missing: the training mean fills it");
        MiniBatchKMeans tooMany = new MiniBatchKMeans().setK(10);
        assertMessage("k = 10 clusters need at least k rows of positive weight; the data set has 8",
                () -> tooMany.fit(LocalSpark.frame(Arrays.copyOf(ROWS, 8), null, 2)));
        MiniBatchKMeans none = new MiniBatchKMeans();
        assertMessage("the data set has 0 (of 0 rows)", () -> none.fit(data.limit(0)));
        for (MiniBatchKMeans refused : List.of(sized, nan, large, nulls, tooMany)) {
            assertEquals(1, jobs(refused), "data errors are found by the checking pass, before any iteration");
        }
        assertThrows(IllegalArgumentException.class, () -> new MiniBatchKMeans().setK(0));
        assertEquals(1, new MiniBatchKMeans().setK(1).getK(), "one cluster is a valid k, as everywhere in this project");
        assertThrows(IllegalArgumentException.class, () -> new MiniBatchKMeans().setInitMode("kmeans"));
        assertThrows(IllegalArgumentException.class, () -> new MiniBatchKMeans().setBatchFraction(0));
    }

    @Test
    void aKRangeFitsEveryKInOneJobPerPassAndKeepsTheScores() {
        MiniBatchKMeans sweeping = new MiniBatchKMeans().setK(2).setKMax(8).setSeed(4).setInitMode("k-means++");
        MiniBatchKMeansModel chosen = sweeping.fit(data);
        assertEquals(K, chosen.getK(), "the blobs' count");
        KSweep sweep = chosen.summary().kSweep().orElseThrow();
        assertEquals(7, sweep.scores().size());
        int longest = 0;
        for (int k = 2; k <= 8; k++) {
            MiniBatchKMeans alone = new MiniBatchKMeans().setK(k).setSeed(4).setInitMode("k-means++");
            MiniBatchKMeansModel model = alone.fit(data);
            longest = Math.max(longest, jobs(alone));
            assertTrue(Arrays.deepEquals(model.toKMeansModel().centroids(), sweep.model(k).centroids()), "k = " + k + " alone");
        }
        assertEquals(longest + 1, jobs(sweeping), "the longest fit's jobs and one scoring job: every pass serves every k");
        assertTrue(chosen.summary().kSweep().isPresent() && fromStart().fit(data).summary().kSweep().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> fromStart().setKMax(7).fit(data), "given centers fix k");

        // Spark's own silhouette analysis: its KMeans per k, scored by its ClusteringEvaluator (squared Euclidean distances)
        int best = 0;
        double highest = Double.NEGATIVE_INFINITY;
        var vectors = data.select("features").javaRDD().map(r -> org.apache.spark.mllib.linalg.Vectors.fromML(r.getAs(0))).rdd()
                .cache();
        var schema = new org.apache.spark.sql.types.StructType(new org.apache.spark.sql.types.StructField[] {
            org.apache.spark.sql.types.DataTypes.createStructField("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType(), false),
            org.apache.spark.sql.types.DataTypes.createStructField("prediction", org.apache.spark.sql.types.DataTypes.IntegerType, false)});
        for (int k = 2; k <= 8; k++) {
            var model = new KMeans().setK(k).setSeed(4).run(vectors);
            List<Row> labelled = new java.util.ArrayList<>();
            for (double[] row : ROWS) {
                labelled.add(org.apache.spark.sql.RowFactory.create(org.apache.spark.ml.linalg.Vectors.dense(row),
                        model.predict(org.apache.spark.mllib.linalg.Vectors.dense(row))));
            }
            double silhouette = new org.apache.spark.ml.evaluation.ClusteringEvaluator()
                    .evaluate(LocalSpark.session().createDataFrame(labelled, schema));
            best = silhouette > highest ? k : best;
            highest = Math.max(highest, silhouette);
        }
        assertEquals(best, chosen.getK(), "Spark's silhouette analysis chooses the same k");
    }

    private static int jobs(MiniBatchKMeans estimator) {
        return LocalSpark.session().sparkContext().statusTracker().getJobIdsForGroup(estimator.jobGroup()).length;
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable fit) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, fit);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static void assertClose(double[][] expected, double[][] actual, double relative) {
        assertEquals(expected.length, actual.length);
        for (int c = 0; c < expected.length; c++) {
            for (int j = 0; j < expected[c].length; j++) {
                assertEquals(expected[c][j], actual[c][j], relative * Math.abs(expected[c][j]), "centroid " + c + " feature " + j);
            }
        }
    }
}
