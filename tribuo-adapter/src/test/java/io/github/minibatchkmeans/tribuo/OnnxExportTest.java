package io.github.minibatchkmeans.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Map;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.example.GaussianClusterDataSource;
import org.junit.jupiter.api.Test;

/** The exported graph, run in ONNX Runtime, agrees with the Java model on every row. */
class OnnxExportTest {

    @Test
    void onnxRuntimePredictsWhatJavaPredicts() throws OrtException {
        agrees(new MiniBatchKMeansTrainer(5, 50, 9));
    }

    /** Cosine: the graph scales each row to unit length first, and its distances are 1 - cos. */
    @Test
    void onnxRuntimePredictsWhatJavaPredictsUnderCosine() throws OrtException {
        MiniBatchKMeansTrainer trainer = new MiniBatchKMeansTrainer(5, 50, 9);
        try {
            java.lang.reflect.Field dist = MiniBatchKMeansTrainer.class.getDeclaredField("dist");
            dist.setAccessible(true);
            dist.set(trainer, new org.tribuo.math.distance.CosineDistance()); // as an OLCUT configuration sets it
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        trainer.postConfig();
        MiniBatchKMeansModel model = agrees(trainer);
        assertEquals(io.github.minibatchkmeans.core.Metric.COSINE, model.getKMeansModel().metric());
    }

    private static MiniBatchKMeansModel agrees(MiniBatchKMeansTrainer trainer) throws OrtException {
        Dataset<ClusterID> train = new MutableDataset<>(new GaussianClusterDataSource(3_000, 5));
        Dataset<ClusterID> test = new MutableDataset<>(new GaussianClusterDataSource(1_000, 6));
        MiniBatchKMeansModel model = trainer.train(train);
        ImmutableFeatureMap features = model.getFeatureIDMap();
        float[][] input = new float[test.size()][features.size()];
        int i = 0;
        for (Example<ClusterID> example : test) {
            for (Feature f : example) {
                input[i][features.getID(f.getName())] = (float) f.getValue();
            }
            i++;
        }
        byte[] onnx = model.exportONNXModel("io.github.minibatchkmeans", 1).toByteArray();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
             OnnxTensor tensor = OnnxTensor.createTensor(env, input);
             OrtSession.Result result = session.run(Map.of("input", tensor))) {
            long[] clusters = (long[]) result.get("cluster").orElseThrow().getValue();
            float[][] distances = (float[][]) result.get("distances").orElseThrow().getValue();
            i = 0;
            for (Example<ClusterID> example : test) {
                int expected = model.predict(example).getOutput().getID();
                assertEquals(expected, clusters[i], "row " + i);
                double[] x = new double[features.size()];
                for (int j = 0; j < x.length; j++) {
                    x[j] = input[i][j];
                }
                double[] exact = model.getKMeansModel().transform(x);
                for (int c = 0; c < exact.length; c++) {
                    assertEquals(exact[c], distances[i][c], 1e-3 * Math.max(1, exact[c]), "distance row " + i);
                }
                i++;
            }
        }
        return model;
    }
}
