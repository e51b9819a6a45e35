package io.github.minibatchkmeans.tribuo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.util.Pair;
import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.MiniBatchKMeans;
import io.github.minibatchkmeans.core.Initializers;
import io.github.minibatchkmeans.core.KMeansModel;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.evaluation.ClusteringEvaluator;
import org.tribuo.clustering.example.ClusteringDataGenerator;
import org.tribuo.clustering.example.GaussianClusterDataSource;
import org.tribuo.clustering.kmeans.KMeansTrainer;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.test.Helpers;
import org.junit.jupiter.api.Test;

/** The shapes of Tribuo's own KMeansTrainerTest, run on our trainer, plus quality and parity checks. */
class MiniBatchKMeansTrainerTest {
    private static final MiniBatchKMeansTrainer TRAINER = new MiniBatchKMeansTrainer(4, 10, 1);

    private static Model<ClusterID> trainAndEvaluate(Pair<Dataset<ClusterID>, Dataset<ClusterID>> p) {
        Model<ClusterID> m = TRAINER.train(p.getA());
        new ClusteringEvaluator().evaluate(m, p.getB());
        Helpers.testModelSerialization(m, ClusterID.class);
        Helpers.testModelProtoSerialization(m, ClusterID.class, p.getB());
        return m;
    }

    @Test
    void denseData() {
        var p = ClusteringDataGenerator.denseTrainTest();
        double nmi = new ClusteringEvaluator().evaluate(trainAndEvaluate(p), p.getB()).normalizedMI();
        assertTrue(nmi > 0.5, "NMI " + nmi);
    }

    @Test
    void choosingKReturnsTheRecommendedModelWithEveryKsScoresInItsProvenance() {
        Dataset<ClusterID> data = ClusteringDataGenerator.gaussianClusters(2_000, 3);
        MiniBatchKMeansTrainer sweeping = new MiniBatchKMeansTrainer(2, 100, 7).chooseK(8, 1);
        MiniBatchKMeansModel chosen = (MiniBatchKMeansModel) sweeping.train(data);
        var run = chosen.getProvenance().getInstanceProvenance().getMap();
        String table = ((com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance)
                run.get(MiniBatchKMeansTrainer.SWEEP_PROVENANCE)).getValue();
        int k = ((com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance)
                run.get(MiniBatchKMeansTrainer.RECOMMENDED_K_PROVENANCE)).getValue();
        assertEquals(k, chosen.getCentroids().size());
        assertTrue(table.contains("calinski-harabasz") && table.contains("recommended k = " + k), table);
        MiniBatchKMeansModel alone = (MiniBatchKMeansModel) new MiniBatchKMeansTrainer(k, 100, 7).train(data);
        assertEquals(alone.getCentroids().toString(), chosen.getCentroids().toString(), "the k fitted alone, same seed");
        Helpers.testModelProtoSerialization(chosen, ClusterID.class, data);
        assertThrows(PropertyException.class, () -> new MiniBatchKMeansTrainer(5, 10, 1).chooseK(3, 1), "below k");
    }

    @Test
    void sparseData() { // its test set has no ground truth: Tribuo's own test only checks that it runs
        trainAndEvaluate(ClusteringDataGenerator.sparseTrainTest());
    }

    @Test
    void invalidExampleIsRejected() {
        Model<ClusterID> m = TRAINER.train(ClusteringDataGenerator.denseTrainTest().getA());
        assertThrows(IllegalArgumentException.class, () -> m.predict(ClusteringDataGenerator.invalidSparseExample()));
    }

    /**
     * A NaN feature value is a missing value: predicting fills it with the training data's mean
     * (the label of the example so completed, never cluster 0 by accident), and training fills it
     * from the statistics pass — or refuses it, naming the row and column, with {@code missing} error.
     */
    @Test
    void aNaNFeatureIsAMissingValueFilledWithTheTrainingMean() throws Exception {
        Dataset<ClusterID> train = ClusteringDataGenerator.denseTrainTest().getA();
        MiniBatchKMeansModel m = (MiniBatchKMeansModel) TRAINER.train(train);
        String name = train.getExample(0).iterator().next().getName();
        double mean = 0;
        for (Example<ClusterID> e : train) {
            for (Feature f : e) {
                mean += f.getName().equals(name) ? f.getValue() / train.size() : 0;
            }
        }
        for (int i = 0; i < train.size(); i++) {
            Example<ClusterID> example = train.getExample(i);
            List<Feature> gap = new java.util.ArrayList<>();
            List<Feature> filled = new java.util.ArrayList<>();
            for (Feature f : example) {
                gap.add(new Feature(f.getName(), f.getName().equals(name) ? Double.NaN : f.getValue()));
                filled.add(new Feature(f.getName(), f.getName().equals(name) ? mean : f.getValue()));
            }
            assertEquals(m.predict(new org.tribuo.impl.ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, filled)).getOutput(),
                    m.predict(new org.tribuo.impl.ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, gap)).getOutput(), "example " + i);
        }
        // a Dataset refuses an example with a NaN (Tribuo's own rule); a DataSource may deliver one
        ClusteringFactory factory = new ClusteringFactory();
        List<Example<ClusterID>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            rows.add(new org.tribuo.impl.ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, new String[] {"a", "b"},
                    new double[] {i % 2 * 10, i == 17 ? Double.NaN : i % 2 * 10 + 0.1 * i}));
        }
        org.tribuo.datasource.ListDataSource<ClusterID> gaps = new org.tribuo.datasource.ListDataSource<>(rows, factory,
                new org.tribuo.provenance.SimpleDataSourceProvenance("gaps", factory));
        MiniBatchKMeansModel filledIn = new MiniBatchKMeansTrainer(2, 50, 1L).train(gaps, Collections.emptyMap());
        assertEquals(1, filledIn.getKMeansModel().missingValues(), "example 17's b: filled with b's mean");
        assertEquals(1L, ((com.oracle.labs.mlrg.olcut.provenance.primitives.LongProvenance) filledIn.getProvenance()
                .getInstanceProvenance().getMap().get(MiniBatchKMeansTrainer.MISSING_VALUES_PROVENANCE)).getValue(), "said in the run provenance");
        MiniBatchKMeansTrainer strict = new MiniBatchKMeansTrainer(2, 50, 1L);
        java.lang.reflect.Field missing = MiniBatchKMeansTrainer.class.getDeclaredField("missing");
        missing.setAccessible(true);
        missing.set(strict, io.github.minibatchkmeans.core.MissingValues.ERROR);
        RuntimeException refused = assertThrows(RuntimeException.class, () -> strict.train(gaps, Collections.emptyMap()));
        assertTrue(refused.getMessage().contains("row 17, column 1: missing value (NaN)"), refused.getMessage());
        // ignore: example 17 measured over a alone; its b is left out of its centroid's mean
        MiniBatchKMeansTrainer leaving = new MiniBatchKMeansTrainer(2, 50, 1L);
        missing.set(leaving, io.github.minibatchkmeans.core.MissingValues.IGNORE);
        io.github.minibatchkmeans.core.KMeansModel left = leaving.train(gaps, Collections.emptyMap()).getKMeansModel();
        assertEquals(io.github.minibatchkmeans.core.MissingValues.IGNORE, left.missing());
        assertEquals(1, left.missingValues());
        int odd = left.predict(new double[] {10, 10});
        double sum = 0;
        for (int i = 1; i < 60; i += 2) {
            sum += i == 17 ? 0 : 10 + 0.1 * i;
        }
        assertEquals(sum / 29, left.centroid(odd)[1], 1e-12, "b's mean over the 29 odd examples that have it");
    }

    /** Training refuses what Tribuo's datasets let through but k-means cannot use, naming the example and the feature. */
    @Test
    void trainingRefusesValuesWhoseSquaresOverflowNamingTheExample() {
        ClusteringFactory factory = new ClusteringFactory();
        for (double bad : new double[] {1e200, -1e300}) {
            MutableDataset<ClusterID> data = new MutableDataset<>(new org.tribuo.provenance.SimpleDataSourceProvenance("t", factory),
                    factory);
            for (int i = 0; i < 50; i++) {
                data.add(new org.tribuo.impl.ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, new String[] {"a", "b"},
                        new double[] {i, i == 17 ? bad : -i}));
            }
            RuntimeException refused = assertThrows(RuntimeException.class, () -> TRAINER.train(data));
            assertTrue(refused.getMessage().contains("example 17, feature 'b': value too large"), refused.getMessage());
        }
    }

    @Test
    void emptyExampleIsRejected() {
        Model<ClusterID> m = TRAINER.train(ClusteringDataGenerator.denseTrainTest().getA());
        assertThrows(IllegalArgumentException.class, () -> m.predict(ClusteringDataGenerator.emptyExample()));
    }

    @Test
    void setInvocationCountReproducesTheNthTrainingCall() {
        Dataset<ClusterID> data = ClusteringDataGenerator.gaussianClusters(500, 1);
        MiniBatchKMeansTrainer trainer = new MiniBatchKMeansTrainer(4, 10, MiniBatchKMeansTrainer.Initialisation.RANDOM,
                MiniBatchKMeansTrainer.Mode.EXACT, 64, 2, 1e-4, 42);
        trainer.train(data);
        MiniBatchKMeansModel second = trainer.train(data);
        assertEquals(2, trainer.getInvocationCount());
        trainer.setInvocationCount(1);
        MiniBatchKMeansModel again = trainer.train(data);
        MiniBatchKMeansModel viaArgument = trainer.train(data, Collections.emptyMap(), 1);
        for (int c = 0; c < 4; c++) {
            assertArrayEquals(second.getCentroidVectors()[c].toArray(), again.getCentroidVectors()[c].toArray(), 0.0);
            assertArrayEquals(second.getCentroidVectors()[c].toArray(), viaArgument.getCentroidVectors()[c].toArray(), 0.0);
        }
        assertEquals(2, trainer.getInvocationCount());
    }

    @Test
    void postConfigNamesTheBadField() {
        PropertyException e = assertThrows(PropertyException.class, () -> new MiniBatchKMeansTrainer(0, 10, 1));
        assertEquals("centroids", e.getProperty());
        e = assertThrows(PropertyException.class, () -> new MiniBatchKMeansTrainer(3, 10,
                MiniBatchKMeansTrainer.Initialisation.PLUSPLUS, MiniBatchKMeansTrainer.Mode.EXACT, 0, 1, 1e-4, 1));
        assertEquals("batchSize", e.getProperty());
    }

    @Test
    void qualityMatchesTribuosKMeansPlusPlus() {
        // GaussianClusterDataSource's default mixture; both trainers see the same data, k=5.
        Dataset<ClusterID> train = new MutableDataset<>(new GaussianClusterDataSource(5_000, 1));
        Dataset<ClusterID> test = new MutableDataset<>(new GaussianClusterDataSource(2_000, 2));
        ClusteringEvaluator evaluator = new ClusteringEvaluator();
        KMeansTrainer theirs = new KMeansTrainer(5, 100, new L2Distance(), KMeansTrainer.Initialisation.PLUSPLUS, 1, 3);
        MiniBatchKMeansTrainer ours = new MiniBatchKMeansTrainer(5, 100, 3);
        double theirNmi = evaluator.evaluate(theirs.train(train), test).normalizedMI();
        double ourNmi = evaluator.evaluate(ours.train(train), test).normalizedMI();
        assertTrue(ourNmi > theirNmi - 0.02, "ours " + ourNmi + " vs KMeansTrainer " + theirNmi);
    }

    @Test
    void exactTrainingAssignsLikeCoreFromTheSameStart() throws IOException {
        Dataset<ClusterID> data = ClusteringDataGenerator.gaussianClusters(2_000, 7);
        MiniBatchKMeansModel model = new MiniBatchKMeansTrainer(4, 50, 11).train(data);
        // The trainer's first call seeds core with the first split of its RNG.
        long callSeed = new SplittableRandom(11).split().nextLong();
        int d = data.getFeatureIDMap().size();
        double[][] rows = new double[data.size()][d];
        int i = 0;
        for (Example<ClusterID> example : data) {
            for (Feature f : example) {
                rows[i][data.getFeatureIDMap().getID(f.getName())] = f.getValue();
            }
            i++;
        }
        KMeansModel core = new MiniBatchKMeans(KMeansConfig.builder(4).initializer(Initializers.kMeansPlusPlus())
                .maxIterations(50).threads(1).seed(callSeed).build()).fit(rows);
        i = 0;
        for (Example<ClusterID> example : data) {
            assertEquals(core.predict(rows[i++]), model.predict(example).getOutput().getID());
        }
        assertEquals(core.inertia(), model.getInertia(), 0.0);
        assertTrue(model.getIterations() >= 1);
        assertEquals(model.getIterations(), model.getHistory().size());
    }

    @Test
    void centroidsComeAsNamedFeatures() {
        MiniBatchKMeansModel model = TRAINER.train(ClusteringDataGenerator.denseTrainTest().getA());
        List<List<Feature>> centroids = model.getCentroids();
        assertEquals(4, centroids.size());
        assertEquals(model.getFeatureIDMap().size(), centroids.get(0).size());
        assertEquals(model.getCentroidVectors()[1].get(2), centroids.get(1).get(2).getValue(), 0.0);
        Prediction<ClusterID> p = model.predict(ClusteringDataGenerator.denseTrainTest().getB().getExample(0));
        assertTrue(p.getOutput().getID() >= 0 && p.getOutput().getID() < 4);
        assertTrue(new ClusteringFactory().getUnknownOutput() != null);
    }

    /** A data source that can be iterated once, like a network stream; a second iterator() fails. */
    private static final class OneShot implements org.tribuo.DataSource<ClusterID> {
        private final java.util.List<org.tribuo.Example<ClusterID>> examples;
        private boolean used;

        OneShot(Iterable<org.tribuo.Example<ClusterID>> from) {
            this.examples = new java.util.ArrayList<>();
            from.forEach(examples::add);
        }

        @Override
        public java.util.Iterator<org.tribuo.Example<ClusterID>> iterator() {
            if (used) {
                throw new IllegalStateException("a one-shot source was read twice");
            }
            used = true;
            return examples.iterator();
        }

        @Override
        public org.tribuo.OutputFactory<ClusterID> getOutputFactory() {
            return new org.tribuo.clustering.ClusteringFactory();
        }

        @Override
        public org.tribuo.provenance.DataSourceProvenance getProvenance() {
            return new org.tribuo.provenance.SimpleDataSourceProvenance("one-shot", getOutputFactory());
        }
    }

    @Test
    void onePassTrainingReadsAOneShotSourceOnceAndMatchesExactTrainingOnSmallData() {
        GaussianClusterDataSource data = new GaussianClusterDataSource(3_000, 4);
        MiniBatchKMeansTrainer onePass = new MiniBatchKMeansTrainer(5, 100, MiniBatchKMeansTrainer.Initialisation.PLUSPLUS,
                MiniBatchKMeansTrainer.Mode.ONE_PASS, 4096, 1, 1e-4, 7);
        MiniBatchKMeansTrainer exact = new MiniBatchKMeansTrainer(5, 100, MiniBatchKMeansTrainer.Initialisation.PLUSPLUS,
                MiniBatchKMeansTrainer.Mode.EXACT, 4096, 1, 1e-4, 7);
        MiniBatchKMeansModel once = onePass.train(new OneShot(data), java.util.Map.of());
        MiniBatchKMeansModel full = exact.train(new MutableDataset<>(data));
        assertEquals(io.github.minibatchkmeans.core.Mode.ONE_PASS, once.getKMeansModel().mode());
        assertEquals(full.getKMeansModel().inertia(), once.getKMeansModel().inertia(), 1e-6 * full.getKMeansModel().inertia(),
                "3,000 examples fit the buffer: the one pass clusters them exactly");
        for (org.tribuo.Example<ClusterID> example : data) {
            assertEquals(full.predict(example).getOutput().getID(), once.predict(example).getOutput().getID());
        }
    }
}
