package io.github.minibatchkmeans.weka;

import java.util.Arrays;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.Initializers;
import io.github.minibatchkmeans.core.KMeansModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import weka.clusterers.CheckClusterer;
import weka.clusterers.MiniBatchKMeans;
import weka.clusterers.SimpleKMeans;
import weka.core.Attribute;
import weka.core.CheckGOE;
import weka.core.CheckOptionHandler;
import weka.core.Instances;
import weka.core.WekaException;

class MiniBatchKMeansWekaTest {

    private static MiniBatchKMeans clusterer(String... options) throws Exception {
        MiniBatchKMeans c = new MiniBatchKMeans();
        c.setOptions(options);
        return c;
    }

    @Test
    void sameResultAsCoreOnTheSameEncodedData() throws Exception {
        Instances data = WekaData.groups(600, 3, 0.05, 1);
        data.setClassIndex(-1);
        data.deleteAttributeAt(WekaData.NUMERIC + 1);
        MiniBatchKMeans weka = clusterer("-N", "3", "-S", "4", "-num-slots", "2");
        weka.buildClusterer(data);
        KMeansConfig.Builder config = KMeansConfig.builder(3).initializer(Initializers.kMeansPlusPlus()).seed(4).threads(1);
        AttributeEncoding encoding = AttributeEncoding.fit(data, data, true).forNominal(config.build());
        KMeansModel core = new io.github.minibatchkmeans.core.MiniBatchKMeans(encoding.declareNominal(config).build())
                .fit(new InstancesSource(data, encoding));
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(core.centroid(c), weka.getModel().centroid(c), 0.0);
        }
        assertEquals(core.inertia(), weka.getModel().inertia(), 0.0);
    }

    @Test
    void choosesKInARangeLikeXMeansAndReportsTheScores() throws Exception {
        Instances data = WekaData.groups(900, 4, 0.0, 3);
        data.deleteAttributeAt(WekaData.NUMERIC + 1);
        MiniBatchKMeans swept = clusterer("-N", "2", "-H", "7", "-S", "4");
        swept.buildClusterer(data);
        assertEquals(4, swept.numberOfClusters(), "four groups");
        MiniBatchKMeans alone = clusterer("-N", "4", "-S", "4");
        alone.buildClusterer(data);
        for (int c = 0; c < 4; c++) {
            assertArrayEquals(alone.getModel().centroid(c), swept.getModel().centroid(c), 0.0, "the k = 4 fit alone");
        }
        String report = swept.toString();
        assertTrue(report.contains("Number of clusters chosen from 2 to 7") && report.contains("calinski-harabasz")
                && report.contains("recommended k = 4"), report);
        assertEquals(List.of("-H", "7", "-k-step", "1"), Arrays.asList(swept.getOptions()).subList(12, 16));
        MiniBatchKMeans copy = (MiniBatchKMeans) weka.core.SerializationHelper.read(new java.io.ByteArrayInputStream(serialized(swept)));
        assertTrue(copy.toString().contains("recommended k = 4"), "the table survives a model file");

        MiniBatchKMeans incremental = clusterer("-N", "2", "-H", "7", "-S", "4");
        incremental.buildClusterer(new Instances(data, 0));
        for (int i = 0; i < data.numInstances(); i++) {
            incremental.updateClusterer(data.instance(i));
        }
        incremental.updateFinished();
        assertEquals(4, incremental.numberOfClusters(), "instances kept in memory: the same sweep");
        MiniBatchKMeans online = clusterer("-N", "2", "-H", "7", "-stochastic", "-batch-size", "100");
        online.buildClusterer(new Instances(data, 0));
        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> {
            for (int i = 0; i < data.numInstances(); i++) {
                online.updateClusterer(data.instance(i));
            }
        });
        assertTrue(refused.getMessage().startsWith("-H 7: "), refused.getMessage());
    }

    private static byte[] serialized(Object o) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        weka.core.SerializationHelper.write(bytes, o);
        return bytes.toByteArray();
    }

    @Test
    void findsTheSamePartitionAsSimpleKMeansWithNominalAndMissingValues() throws Exception {
        // SimpleKMeans fills a missing nominal value with the mode, we with the value frequencies; the
        // groups are far enough apart (WekaData) that neither choice moves an instance.
        Instances data = WekaData.groups(900, 3, 0.1, 2);
        data.deleteAttributeAt(WekaData.NUMERIC + 1);
        SimpleKMeans simple = new SimpleKMeans();
        simple.setOptions(new String[] {"-N", "3", "-S", "10", "-init", "1"});
        simple.buildClusterer(data);
        MiniBatchKMeans ours = clusterer("-N", "3");
        ours.buildClusterer(data);
        Map<Integer, Integer> mapping = new HashMap<>();
        for (int i = 0; i < data.numInstances(); i++) {
            int theirs = simple.clusterInstance(data.instance(i));
            int mine = ours.clusterInstance(data.instance(i));
            Integer previous = mapping.putIfAbsent(mine, theirs);
            assertEquals(previous == null ? theirs : previous, theirs, "instance " + i + " splits a cluster");
        }
        assertEquals(3, new java.util.HashSet<>(mapping.values()).size(), "a one-to-one match of clusters");
    }

    @Test
    void assignmentsAndStandardDeviationsAreSimpleKMeans() throws Exception {
        Instances data = WekaData.groups(900, 3, 0.0, 2);
        data.deleteAttributeAt(WekaData.NUMERIC + 1);
        SimpleKMeans simple = new SimpleKMeans();
        simple.setOptions(new String[] {"-N", "3", "-S", "10", "-init", "1", "-V", "-O"});
        simple.buildClusterer(data);
        MiniBatchKMeans ours = clusterer("-N", "3", "-V", "-O", "-A", "weka.core.EuclideanDistance -R first-last");
        ours.buildClusterer(data);
        int[] theirs = simple.getAssignments();
        int[] mine = ours.getAssignments();
        assertEquals(data.numInstances(), mine.length);
        int[] toTheirs = new int[3];
        for (int i = 0; i < mine.length; i++) {
            toTheirs[mine[i]] = theirs[i];
            assertEquals(ours.clusterInstance(data.instance(i)), mine[i], "instance " + i);
        }
        for (int i = 0; i < mine.length; i++) {
            assertEquals(theirs[i], toTheirs[mine[i]], "instance " + i + " splits a cluster");
        }
        Instances theirSpread = simple.getClusterStandardDevs();
        String report = ours.toString();
        for (int c = 0; c < 3; c++) {
            for (int a = 0; a < WekaData.NUMERIC; a++) {
                String sd = "+/-" + weka.core.Utils.doubleToString(theirSpread.instance(toTheirs[c]).value(a), 4).trim();
                assertTrue(report.contains(sd), sd + " in\n" + report);
            }
        }
    }

    @Test
    void cosineMetricGroupsInstancesByDirection() throws Exception {
        ArrayList<weka.core.Attribute> attributes = new ArrayList<>(List.of(new weka.core.Attribute("x"),
                new weka.core.Attribute("y")));
        Instances data = new Instances("directions", attributes, 400);
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 400; i++) {
            double length = 0.1 + 50 * random.nextDouble();
            double angle = (i % 2 == 0 ? 0.2 : 1.3) + 0.05 * random.nextGaussian();
            data.add(new weka.core.DenseInstance(1.0, new double[] {length * Math.cos(angle), length * Math.sin(angle)}));
        }
        MiniBatchKMeans ours = clusterer("-N", "2", "-metric", "cosine", "-D");
        ours.buildClusterer(data);
        for (int i = 2; i < data.numInstances(); i++) {
            assertEquals(ours.clusterInstance(data.instance(i % 2)), ours.clusterInstance(data.instance(i)), "instance " + i);
        }
        assertEquals(io.github.minibatchkmeans.core.Metric.COSINE, ours.getModel().metric());
        assertTrue(String.join(" ", ours.getOptions()).contains("-metric cosine"));
        Exception wrong = assertThrows(Exception.class, () -> clusterer("-metric", "manhattan"));
        assertEquals("-metric: expected euclidean or cosine, got 'manhattan'", wrong.getMessage());
    }

    @Test
    void simpleKMeansOptionsWeDoNotOfferAreRefusedByName() {
        Exception missing = assertThrows(Exception.class, () -> clusterer("-N", "3", "-M"));
        assertTrue(missing.getMessage().startsWith("-M (don't replace missing values)"), missing.getMessage());
        Exception manhattan = assertThrows(Exception.class, () -> clusterer("-A", "weka.core.ManhattanDistance"));
        assertTrue(manhattan.getMessage().startsWith("-A weka.core.ManhattanDistance: MiniBatchKMeans offers "
                + "weka.core.EuclideanDistance only"), manhattan.getMessage());
        Exception order = assertThrows(Exception.class, () -> {
            MiniBatchKMeans withoutOrder = clusterer("-N", "2");
            withoutOrder.buildClusterer(WekaData.groups(100, 2, 0.0, 1));
            withoutOrder.getAssignments();
        });
        assertTrue(order.getMessage().contains("(-O)"), order.getMessage());
    }

    @Test
    void toStringShowsTheSimpleKMeansLayoutInOriginalUnits() throws Exception {
        Instances data = WekaData.groups(300, 3, 0.0, 3);
        data.deleteAttributeAt(WekaData.NUMERIC + 1);
        MiniBatchKMeans ours = clusterer("-N", "3");
        ours.buildClusterer(data);
        String text = ours.toString();
        for (String expected : List.of("Mode: exact", "Number of iterations: ", "Within cluster sum of squared errors: ",
                "Initial starting points (k-means++, of the best start):", "Cluster 0: ", "Final cluster centroids:", "Cluster#",
                "Full Data", "(300.0)", "colour", "x1")) {
            assertTrue(text.contains(expected), expected + " in\n" + text);
        }
        Instances centroids = ours.getClusterCentroids(); // as SimpleKMeans gives them: instances of the training header
        assertTrue(centroids.equalHeaders(data), centroids.equalHeadersMsg(data));
        assertEquals(3, centroids.numInstances());
        double maxWidth = Math.max(centroids.instance(0).value(0), Math.max(centroids.instance(1).value(0),
                centroids.instance(2).value(0))); // x1 of the group at 20
        assertEquals(20, maxWidth, 1.0, "centroids are reported in original units, not [0,1]");
        assertEquals(ours.getModel().inertia(), ours.getSquaredError(), 0.0);
        assertEquals(300, java.util.Arrays.stream(ours.getClusterSizes()).sum(), 1e-9);
    }

    @Test
    void incrementalTrainingOfAFileThatFitsInMemoryEqualsBatchTraining() throws Exception {
        Instances data = WekaData.groups(3000, 3, 0.0, 4);
        data.deleteAttributeAt(WekaData.NUMERIC + 1);
        data.sort(0); // a sorted file, as Weka's example files are: the order must not matter
        MiniBatchKMeans batch = clusterer("-N", "3");
        batch.buildClusterer(data);
        MiniBatchKMeans ours = clusterer("-N", "3", "-batch-size", "500");
        ours.buildClusterer(new Instances(data, 0));
        for (int i = 0; i < data.numInstances(); i++) {
            ours.updateClusterer(data.instance(i));
        }
        ours.updateFinished();
        String text = ours.toString();
        assertTrue(text.contains("Mode: exact (Lloyd iterations over mini-batches; all 3000 instances kept in memory)"), text);
        assertTrue(text.contains("normalized to [0,1] by their ranges in the training data"), text);
        assertTrue(text.contains("(3000.0)"), "Full Data counts every instance:\n" + text);
        assertEquals(batch.getModel().inertia(), ours.getModel().inertia(), 1e-9 * batch.getModel().inertia());
        for (int i = 0; i < data.numInstances(); i++) {
            assertEquals(batch.clusterInstance(data.instance(i)), ours.clusterInstance(data.instance(i)));
        }
    }

    @Test
    void stochasticIncrementalTrainingStatesItsRangesAndItsCounts() throws Exception {
        Instances data = WekaData.groups(3000, 3, 0.0, 4);
        data.deleteAttributeAt(WekaData.NUMERIC + 1);
        MiniBatchKMeans ours = clusterer("-N", "3", "-batch-size", "500", "-stochastic");
        ours.buildClusterer(new Instances(data, 0));
        for (int i = 0; i < data.numInstances(); i++) {
            ours.updateClusterer(data.instance(i));
        }
        ours.updateFinished();
        String text = ours.toString();
        assertTrue(text.contains("Mode: stochastic"), text);
        assertTrue(text.contains("normalized to [0,1] by the ranges of the first mini-batch"), text);
        assertTrue(text.contains("  x1 ["), text);
        assertTrue(text.contains("instances each centroid took during the updates"), text);
        assertTrue(text.contains("(3000.0)"), "Full Data is the whole stream, not the first mini-batch:\n" + text);
        assertTrue(!text.contains("Initial starting points"), "no starting points to show:\n" + text);
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < data.numInstances(); i++) {
            counts.merge(ours.clusterInstance(data.instance(i)), 1, Integer::sum);
        }
        assertEquals(3, counts.size());
        counts.values().forEach(n -> assertEquals(1000, n, 50));
    }

    @Test
    void aSerializedClustererCarriesTheModelDocumentAndPredictsAlike() throws Exception {
        Instances data = WekaData.groups(900, 3, 0, 5);
        MiniBatchKMeans original = clusterer("-N", "3");
        original.buildClusterer(data);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        weka.core.SerializationHelper.write(bytes, original);
        assertTrue(bytes.toString(StandardCharsets.ISO_8859_1).contains("\"format\" : \"minibatch-kmeans-model\""));
        MiniBatchKMeans back = (MiniBatchKMeans) weka.core.SerializationHelper.read(new java.io.ByteArrayInputStream(bytes.toByteArray()));
        for (int i = 0; i < data.numInstances(); i++) {
            assertEquals(original.clusterInstance(data.instance(i)), back.clusterInstance(data.instance(i)));
        }
        assertEquals(original.toString(), back.toString());
    }

    @Test
    void optionsRoundTrip() throws Exception {
        String[] options = {"-N", "7", "-I", "55", "-init", "4", "-batch-size", "123", "-num-slots", "2", "-tol", "0.001",
                "-stochastic", "-D", "-restarts", "4", "-S", "99"};
        MiniBatchKMeans a = clusterer(options.clone());
        MiniBatchKMeans b = clusterer(a.getOptions());
        assertArrayEquals(a.getOptions(), b.getOptions());
        assertEquals(7, b.getNumClusters());
        assertEquals(MiniBatchKMeans.KMEANS_PARALLEL, b.getInitializationMethod().getSelectedTag().getID());
        assertTrue(b.getStochastic() && b.getDontNormalize());
        assertEquals(99, b.getSeed());
        assertEquals(4, b.getRestarts());
    }

    /** Runs one of Weka's checkers and returns what it printed. */
    private static String captured(Runnable check) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            check.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void wekasCheckClustererPasses() {
        CheckClusterer check = new CheckClusterer();
        check.setClusterer(new MiniBatchKMeans());
        String out = captured(check::doTests);
        List<String> failures = new ArrayList<>();
        for (String line : out.split("\n")) {
            boolean failed = line.endsWith("...no") || line.contains("...no (");
            boolean expected = line.contains("(OK error message)") // string/date/relational refused by capabilities
                    || line.startsWith("multi-instance clusterer") // not a multi-instance clusterer
                    // Batch training is exact Lloyd, incremental training is stochastic by design: they differ.
                    || line.startsWith("incremental training produces the same results as batch training");
            if (failed && !expected) {
                failures.add(line);
            }
        }
        assertTrue(failures.isEmpty(), failures + "\n" + out);
        assertTrue(out.contains("clusterer uses instance weights (numeric & nominal predictors)...yes"), out);
    }

    @Test
    void wekasOptionAndGoeCheckersPass() {
        CheckOptionHandler options = new CheckOptionHandler();
        options.setOptionHandler(new MiniBatchKMeans());
        options.setUserOptions(new String[] {"-N", "3", "-stochastic"});
        options.setSilent(true);
        options.doTests();
        assertTrue(options.getSuccess());
        CheckGOE goe = new CheckGOE();
        goe.setObject(new MiniBatchKMeans());
        goe.setSilent(true);
        goe.doTests();
        assertTrue(goe.getSuccess(), "globalInfo and a tip text for every property");
    }

    private static String refusal(Attribute unsupported) {
        Instances data = new Instances("unsupported", new ArrayList<>(List.of(new Attribute("x"), unsupported)), 0);
        return assertThrows(WekaException.class, () -> new MiniBatchKMeans().buildClusterer(data)).getMessage();
    }

    @Test
    void stringDateAndRelationalAttributesAreRefusedByCapabilities() {
        assertTrue(refusal(new Attribute("name", (List<String>) null)).contains("Cannot handle string attributes"));
        assertTrue(refusal(new Attribute("when", "yyyy-MM-dd")).contains("Cannot handle date attributes"));
        Instances inner = new Instances("inner", new ArrayList<>(List.of(new Attribute("y"))), 0);
        assertTrue(refusal(new Attribute("bag", inner)).contains("Cannot handle relational attributes"));
    }

    @Test
    void kLargerThanTheDataIsAClearError() throws Exception {
        Instances data = WekaData.groups(4, 2, 0, 5);
        data.deleteAttributeAt(WekaData.NUMERIC + 1);
        Exception e = assertThrows(Exception.class, () -> clusterer("-N", "6").buildClusterer(data));
        assertEquals("MiniBatchKMeans: k = 6 is larger than the number of instances (4) in groups", e.getMessage());
        assertFalse(e instanceof RuntimeException);
    }

    /** An instance of another shape than the training data's is an error naming the difference, never a silent cluster. */
    @Test
    void anInstanceOfAnotherHeaderIsRefused() throws Exception {
        Instances data = WekaData.groups(300, 3, 0, 6);
        data.deleteAttributeAt(WekaData.NUMERIC + 1);
        weka.clusterers.MiniBatchKMeans kmeans = clusterer("-N", "3");
        kmeans.buildClusterer(data);
        Instances fewer = new Instances(data);
        fewer.deleteAttributeAt(0);
        Exception e = assertThrows(Exception.class, () -> kmeans.clusterInstance(fewer.instance(0)));
        assertEquals("MiniBatchKMeans: the instance has " + fewer.numAttributes() + " attributes, the clusterer was trained on "
                + data.numAttributes(), e.getMessage());
        Instances renamed = new Instances(data);
        renamed.renameAttribute(0, "other");
        Exception names = assertThrows(Exception.class, () -> kmeans.clusterInstance(renamed.instance(0)));
        assertTrue(names.getMessage().startsWith("MiniBatchKMeans: attribute 1 differs from the training data's: "), names.getMessage());
        assertEquals(kmeans.clusterInstance(data.instance(0)), kmeans.clusterInstance(new Instances(data).instance(0)));
    }
}
