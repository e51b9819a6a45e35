package io.github.minibatchkmeans.elki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import elki.clustering.kmeans.KMeans;
import elki.clustering.kmeans.LloydKMeans;
import elki.clustering.kmeans.spherical.SphericalKMeans;
import elki.distance.CosineDistance;
import elki.clustering.kmeans.initialization.KMeansPlusPlus;
import elki.clustering.kmeans.initialization.Predefined;
import elki.clustering.trivial.ByLabelClustering;
import elki.data.Cluster;
import elki.data.Clustering;
import elki.data.NumberVector;
import elki.data.model.KMeansModel;
import elki.data.model.Model;
import elki.database.Database;
import elki.database.ids.DBIDIter;
import elki.database.relation.Relation;
import elki.evaluation.clustering.ClusterContingencyTable;
import elki.result.Metadata;
import elki.utilities.ELKIBuilder;
import elki.utilities.exceptions.AbortException;
import elki.utilities.optionhandling.OptionID;
import elki.utilities.optionhandling.parameterization.ListParameterization;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MiniBatchKMeansTest {

    private static double[][] randomData(int n, int d, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = random.nextDouble() * 10;
            }
        }
        return x;
    }

    private static String meansOption(double[][] means) {
        StringBuilder s = new StringBuilder();
        for (double[] m : means) {
            if (s.length() > 0) {
                s.append(';');
            }
            for (int j = 0; j < m.length; j++) {
                s.append(j > 0 ? "," : "").append(m[j]);
            }
        }
        return s.toString();
    }

    /** Cluster index of each object, by DBID, in the clustering's cluster order. */
    private static Map<Integer, Integer> membership(Relation<?> relation, Clustering<?> clustering) {
        Map<Integer, Integer> clusterOf = new HashMap<>();
        List<? extends Cluster<?>> clusters = clustering.getAllClusters();
        for (int c = 0; c < clusters.size(); c++) {
            for (DBIDIter it = clusters.get(c).getIDs().iter(); it.valid(); it.advance()) {
                clusterOf.put(it.internalGetIndex(), c);
            }
        }
        assertEquals(relation.size(), clusterOf.size());
        return clusterOf;
    }

    /** Five round blobs, far apart. */
    private static double[][] fiveBlobs() {
        Random random = new Random(17);
        double[][] x = new double[2_500][3];
        for (int i = 0; i < x.length; i++) {
            int blob = i % 5;
            for (int j = 0; j < 3; j++) {
                x[i][j] = 12 * ((blob >> j) & 1) + 12 * (blob == 4 ? 1 : 0) * (j == 0 ? -1 : 0) + random.nextGaussian();
            }
        }
        return x;
    }

    private static double[][] sortedMeans(Clustering<KMeansModel> clustering) {
        return clustering.getAllClusters().stream().map(c -> c.getModel().getMean())
                .sorted(java.util.Comparator.comparingDouble((double[] m) -> m[0]).thenComparingDouble(m -> m[1]))
                .toArray(double[][]::new);
    }

    @Test
    void aKRangeChoosesTheBlobsCountAndCarriesItsScores() {
        Relation<NumberVector> relation = ElkiTestData.vectors(ElkiTestData.fromArray(fiveBlobs()));
        Clustering<KMeansModel> swept = new ELKIBuilder<MiniBatchKMeans<NumberVector>>(MiniBatchKMeans.class)
                .with(KMeans.K_ID, 2).with(MiniBatchKMeans.Par.K_MAX_ID, 9).with(KMeans.SEED_ID, 3).with(KMeans.INIT_ID, KMeansPlusPlus.class)
                .with(MiniBatchKMeans.Par.SEED_ID, 3).build().run(relation);
        assertEquals(5, swept.getAllClusters().size(), "five blobs");
        MiniBatchKMeans.ScoresByK scores = null;
        for (var it = Metadata.hierarchyOf(swept).iterChildren(); it.valid(); it.advance()) {
            scores = it.get() instanceof MiniBatchKMeans.ScoresByK s ? s : scores;
        }
        assertTrue(scores != null && scores.sweep().scores().size() == 8 && scores.toString().contains("recommended k = 5"));
        Clustering<KMeansModel> alone = new ELKIBuilder<MiniBatchKMeans<NumberVector>>(MiniBatchKMeans.class)
                .with(KMeans.K_ID, 5).with(KMeans.SEED_ID, 3).with(KMeans.INIT_ID, KMeansPlusPlus.class)
                .with(MiniBatchKMeans.Par.SEED_ID, 3).build().run(relation);
        // ELKI's initializer draws anew on each call, so the sweep's k = 5 starts elsewhere; Lloyd ends in the same partition
        for (int c = 0; c < 5; c++) {
            assertArrayEquals(sortedMeans(alone)[c], sortedMeans(swept)[c], 1e-12, "the k = 5 run alone");
        }
    }

    @Test
    void exactModeEqualsLloydKMeansFromPredefinedMeans() {
        double[][] x = randomData(3000, 4, 1);
        Database db = ElkiTestData.fromArray(x);
        Relation<NumberVector> relation = ElkiTestData.vectors(db);
        String means = meansOption(new double[][] {x[0], x[1], x[2], x[3], x[4], x[5]});

        LloydKMeans<NumberVector> lloyd = new ELKIBuilder<LloydKMeans<NumberVector>>(LloydKMeans.class)
                .with(KMeans.K_ID, 6).with(KMeans.INIT_ID, Predefined.class).with(Predefined.Par.INITIAL_MEANS, means).build();
        MiniBatchKMeans<NumberVector> ours = new ELKIBuilder<MiniBatchKMeans<NumberVector>>(MiniBatchKMeans.class)
                .with(KMeans.K_ID, 6).with(KMeans.INIT_ID, Predefined.class).with(Predefined.Par.INITIAL_MEANS, means)
                .with(MiniBatchKMeans.Par.TOLERANCE_ID, 0).with(MiniBatchKMeans.Par.BATCH_SIZE_ID, 97).build();
        Clustering<KMeansModel> expected = lloyd.run(relation);
        Clustering<KMeansModel> actual = ours.run(relation);

        assertEquals(membership(relation, expected), membership(relation, actual));
        List<Cluster<KMeansModel>> e = expected.getAllClusters();
        List<Cluster<KMeansModel>> a = actual.getAllClusters();
        for (int c = 0; c < 6; c++) {
            double[] em = e.get(c).getModel().getMean();
            double[] am = a.get(c).getModel().getMean();
            for (int j = 0; j < em.length; j++) {
                assertEquals(em[j], am[j], 1e-9 * Math.abs(em[j]));
            }
            assertTrue(a.get(c).getModel().getVarianceContribution() > 0);
        }
        assertTrue(Metadata.of(actual).getLongName().startsWith("Mini-batch k-Means"));
    }

    @Test
    void cosineEqualsElkisSphericalKMeansFromPredefinedMeans() {
        double[][] x = randomData(3000, 5, 3);
        for (double[] row : x) { // away from the origin, so that directions differ; unit length, as ELKI's spherical k-means expects
            double norm = 0;
            for (int j = 0; j < row.length; j++) {
                row[j] += 3;
                norm += row[j] * row[j];
            }
            for (int j = 0; j < row.length; j++) {
                row[j] /= Math.sqrt(norm);
            }
        }
        Database db = ElkiTestData.fromArray(x);
        Relation<NumberVector> relation = ElkiTestData.vectors(db);
        String means = meansOption(new double[][] {x[0], x[1], x[2], x[3], x[4]});
        SphericalKMeans<NumberVector> spherical = new ELKIBuilder<SphericalKMeans<NumberVector>>(SphericalKMeans.class)
                .with(KMeans.K_ID, 5).with(KMeans.INIT_ID, Predefined.class).with(Predefined.Par.INITIAL_MEANS, means).build();
        MiniBatchKMeans<NumberVector> ours = new ELKIBuilder<MiniBatchKMeans<NumberVector>>(MiniBatchKMeans.class)
                .with(KMeans.K_ID, 5).with(KMeans.INIT_ID, Predefined.class).with(Predefined.Par.INITIAL_MEANS, means)
                .with(KMeans.DISTANCE_FUNCTION_ID, CosineDistance.class).with(MiniBatchKMeans.Par.TOLERANCE_ID, 0).build();
        Clustering<KMeansModel> expected = spherical.run(relation);
        Clustering<KMeansModel> actual = ours.run(relation);
        assertEquals(membership(relation, expected), membership(relation, actual));
        List<Cluster<KMeansModel>> e = expected.getAllClusters();
        List<Cluster<KMeansModel>> a = actual.getAllClusters();
        for (int c = 0; c < 5; c++) {
            double[] em = e.get(c).getModel().getMean();
            double[] am = a.get(c).getModel().getMean();
            double norm = 0;
            for (double v : em) {
                norm += v * v;
            }
            for (int j = 0; j < em.length; j++) {
                assertEquals(em[j] / Math.sqrt(norm), am[j], 1e-12, "cluster " + c + ", dimension " + j);
            }
        }
        RuntimeException refused = assertThrows(RuntimeException.class, // ELKI's builder wraps the constructor's refusal
                () -> new ELKIBuilder<MiniBatchKMeans<NumberVector>>(MiniBatchKMeans.class).with(KMeans.K_ID, 5)
                        .with(KMeans.DISTANCE_FUNCTION_ID, elki.distance.minkowski.ManhattanDistance.class).build());
        StringBuilder messages = new StringBuilder();
        for (Throwable t = refused; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertTrue(messages.toString().contains("algorithm.distancefunction: ManhattanDistance is not offered"), messages.toString());
    }

    /** ELKI's k-means++ never ends on a relation holding a NaN: the relation is checked before any initializer sees it. */
    @Test
    void aRelationHoldingANaNIsRefusedBeforeElkisInitializerRuns() {
        double[][] x = randomData(500, 3, 2);
        x[123][1] = Double.NaN;
        Relation<NumberVector> relation = ElkiTestData.vectors(ElkiTestData.fromArray(x));
        MiniBatchKMeans<NumberVector> ours = new ELKIBuilder<MiniBatchKMeans<NumberVector>>(MiniBatchKMeans.class)
                .with(KMeans.K_ID, 4).build(); // k-means++ by default
        String message = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> assertThrows(io.github.minibatchkmeans.core.spi.InvalidInputException.class, () -> ours.run(relation)))
                .getMessage();
        assertTrue(message.endsWith(": object 123, dimension 1: not a finite number: NaN"), message);
    }

    @Test
    void reproducesElkisPublishedLloydResultOnDifferentDensities() {
        // ELKI's LloydKMeansTest: k=5, kmeans.seed 7, default initialization → F1 0.998005, sizes {199,200,200,200,201}.
        Database db = ElkiTestData.fromFile(ElkiTestData.differentDensities());
        MiniBatchKMeans<NumberVector> ours = new ELKIBuilder<MiniBatchKMeans<NumberVector>>(MiniBatchKMeans.class)
                .with(KMeans.K_ID, 5).with(KMeans.SEED_ID, 7).build();
        Clustering<KMeansModel> result = ours.autorun(db);
        Clustering<Model> truth = new ByLabelClustering().autorun(db);
        double f1 = new ClusterContingencyTable(true, false, result, truth).getPaircount().f1Measure();
        assertEquals(0.998005, f1, 1e-6);
        assertArrayEquals(new int[] {199, 200, 200, 200, 201}, ElkiTestData.sortedSizes(result));
    }

    @Test
    void kMeansParallelInitializesElkisOwnLloyd() {
        Database db = ElkiTestData.fromFile(ElkiTestData.differentDensities());
        LloydKMeans<NumberVector> lloyd = new ELKIBuilder<LloydKMeans<NumberVector>>(LloydKMeans.class)
                .with(KMeans.K_ID, 5).with(KMeans.INIT_ID, KMeansParallelInitialization.class).with(KMeans.SEED_ID, 3).build();
        Clustering<KMeansModel> result = lloyd.autorun(db);
        Clustering<Model> truth = new ByLabelClustering().autorun(db);
        assertTrue(new ClusterContingencyTable(true, false, result, truth).getPaircount().f1Measure() > 0.99);
    }

    @Test
    void stochasticModeClustersTheTestDataWell() {
        Database db = ElkiTestData.fromFile(ElkiTestData.differentDensities());
        MiniBatchKMeans<NumberVector> ours = new ELKIBuilder<MiniBatchKMeans<NumberVector>>(MiniBatchKMeans.class)
                .with(KMeans.K_ID, 5).with(KMeans.SEED_ID, 7).with(MiniBatchKMeans.Par.MODE_ID, "stochastic")
                .with(MiniBatchKMeans.Par.BATCH_SIZE_ID, 100).with(MiniBatchKMeans.Par.SEED_ID, 1).build();
        Clustering<KMeansModel> result = ours.autorun(db);
        Clustering<Model> truth = new ByLabelClustering().autorun(db);
        double f1 = new ClusterContingencyTable(true, false, result, truth).getPaircount().f1Measure();
        assertTrue(f1 > 0.99, "F1 " + f1);
    }

    /** The parameter errors ELKI reports for {@code options}, as the CLI and MiniGUI would show them. */
    private static String errors(Object... options) {
        ListParameterization config = new ListParameterization();
        for (int i = 0; i < options.length; i += 2) {
            config.addParameter((OptionID) options[i], options[i + 1]);
        }
        new MiniBatchKMeans.Par<NumberVector>().configure(config);
        return config.getErrors().stream().map(Throwable::getMessage).reduce("", String::concat);
    }

    @Test
    void badParametersFailWithElkisParameterErrors() {
        assertTrue(errors(KMeans.K_ID, 0).contains("has to be greater equal than 1"), errors(KMeans.K_ID, 0));
        assertTrue(errors(KMeans.K_ID, 3, MiniBatchKMeans.Par.MODE_ID, "sloppy")
                .contains("minibatch.mode is invalid (must be one of [exact, stochastic])"));
        assertTrue(errors(KMeans.K_ID, 3, MiniBatchKMeans.Par.BATCH_SIZE_ID, 0).contains("minibatch.batchsize: must be an integer >= 1, got 0"),
                errors(KMeans.K_ID, 3, MiniBatchKMeans.Par.BATCH_SIZE_ID, 0));
        assertTrue(errors(KMeans.K_ID, 3, MiniBatchKMeans.Par.MODE_ID, "one_pass").contains("must be one of [exact, stochastic]"),
                "the help lists what is accepted, and only that");
        assertEquals("", errors(KMeans.K_ID, 3, MiniBatchKMeans.Par.MODE_ID, "STOCHASTIC"), "any case is accepted");
        assertThrows(AbortException.class, () -> new ELKIBuilder<>(MiniBatchKMeans.class).with(KMeans.K_ID, 0).build());
    }
}
