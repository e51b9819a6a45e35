package io.github.minibatchkmeans.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Examples naming a few of many features — Tribuo's sparse convention, absent is 0 — are clustered
 * as sparse rows, never densified, and exactly as the same examples with every zero written out.
 */
class SparseExamplesTest {
    private static final int FEATURES = 500;

    /** 600 examples of ~12 features among 500: three topics of 40 features each, some noise. */
    private static MutableDataset<ClusterID> examples(boolean zerosWrittenOut) {
        Random random = new Random(8);
        MutableDataset<ClusterID> data = new MutableDataset<>(new SimpleDataSourceProvenance("words", new ClusteringFactory()),
                new ClusteringFactory());
        for (int i = 0; i < 600; i++) {
            double[] row = new double[FEATURES];
            for (int t = 0; t < 10; t++) {
                row[(i % 3) * 40 + random.nextInt(40)] = 1 + random.nextInt(4);
            }
            row[120 + i % 80] = 0.5;
            row[200 + i % 300] = 1; // every feature is non-zero somewhere: both data sets know the same 500
            row[200 + random.nextInt(300)] = 2;
            Example<ClusterID> example = new ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID);
            for (int j = 0; j < FEATURES; j++) {
                if (zerosWrittenOut || row[j] != 0) {
                    example.add(new Feature(String.format("w%03d", j), row[j]));
                }
            }
            data.add(example);
        }
        return data;
    }

    @Test
    void sparseExamplesAreClusteredAsTheSameExamplesWithTheirZerosWrittenOut() {
        MutableDataset<ClusterID> sparse = examples(false);
        MutableDataset<ClusterID> dense = examples(true);
        assertTrue(ExampleSource.of(sparse).sparse());
        assertFalse(ExampleSource.of(dense).sparse());
        MiniBatchKMeansTrainer trainer = new MiniBatchKMeansTrainer(3, 100, 5);
        MiniBatchKMeansModel fromSparse = trainer.train(sparse);
        MiniBatchKMeansModel fromDense = trainer.train(dense);
        // Both fits try several starts (small data) and keep the lowest inertia; starts that end in the same partition
        // under other cluster numbers tie but for the last bits, which sparse rows (summed from 0) round otherwise: the
        // partitions and centroids are compared under the numbering the predictions give.
        int[] denseOf = {-1, -1, -1};
        int[] topicOf = new int[3];
        for (int i = 0; i < sparse.size(); i++) {
            int cluster = fromSparse.predict(sparse.getExample(i)).getOutput().getID();
            int expected = fromDense.predict(dense.getExample(i)).getOutput().getID();
            if (denseOf[cluster] < 0) {
                denseOf[cluster] = expected;
            }
            assertEquals(denseOf[cluster], expected, "the same partition: example " + i);
            if (i < 3) {
                topicOf[i] = cluster;
            } else {
                assertEquals(topicOf[i % 3], cluster, "each topic is one cluster: example " + i);
            }
        }
        double[][] expected = fromDense.getKMeansModel().centroids();
        double[][] actual = fromSparse.getKMeansModel().centroids();
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < FEATURES; j++) {
                double e = expected[denseOf[c]][j];
                assertEquals(e, actual[c][j], 1e-12 * Math.max(1, Math.abs(e)), "centroid " + c);
            }
        }
    }
}
