package io.github.minibatchkmeans.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import java.util.Map;
import org.tribuo.Dataset;
import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.example.GaussianClusterDataSource;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.test.Helpers;
import org.junit.jupiter.api.Test;

class ConfigurationTest {

    @Test
    void trainerComesFromAnOlcutFileAndItsModelRecordsTheFields() {
        ConfigurationManager cm = new ConfigurationManager("/io/github/minibatchkmeans/tribuo/trainer-config.xml");
        MiniBatchKMeansTrainer trainer = (MiniBatchKMeansTrainer) cm.lookup("minibatch-kmeans");
        assertTrue(trainer.toString().contains("initialisationType=PARALLEL"), trainer.toString());
        assertTrue(trainer.toString().contains("batchSize=256"), trainer.toString());

        Dataset<ClusterID> data = new MutableDataset<>(new GaussianClusterDataSource(1_000, 3));
        MiniBatchKMeansModel model = trainer.train(data);
        TrainerProvenance provenance = model.getProvenance().getTrainerProvenance();
        Map<String, Provenance> fields = provenance.getConfiguredParameters();
        for (String field : new String[] {"centroids", "iterations", "seed", "numThreads", "initialisationType", "batchSize",
                "mode", "tolerance"}) {
            assertTrue(fields.containsKey(field), field + " in " + fields.keySet());
        }
        assertEquals("PARALLEL", fields.get("initialisationType").toString());
        assertEquals("256", fields.get("batchSize").toString());
        assertEquals(5, model.getCentroids().size());
        Helpers.testProvenanceMarshalling(model.getProvenance());
        Helpers.testConfigurableRoundtrip(trainer);
        cm.close();
    }
}
