package io.github.minibatchkmeans.tribuo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import java.nio.file.Path;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.example.ClusteringDataGenerator;
import org.tribuo.protos.core.ModelProto;
import org.junit.jupiter.api.Test;

/** The protobuf form carries the project's one model document; release 0.1.0's files still read. */
class ProtobufFormatTest {
    private static final Dataset<ClusterID> DATA = ClusteringDataGenerator.gaussianClusters(500, 1);

    @Test
    void payloadCarriesTheModelDocumentTheToolWrites() throws Exception {
        MiniBatchKMeansModel model = new MiniBatchKMeansTrainer(3, 50, 7).train(DATA);
        ModelProto proto = model.serialize();
        assertEquals(2, proto.getVersion());
        var payload = proto.getSerializedData().unpack(io.github.minibatchkmeans.tribuo.protos.MiniBatchKMeansModelDocumentProto.class);
        assertEquals(io.github.minibatchkmeans.io.ModelJson.toJson(model.getKMeansModel()), payload.getDocument(),
                "the same document as --model-out");
        var inDocument = io.github.minibatchkmeans.io.ModelJson.fromJson(payload.getDocument(), "payload").model();
        assertEquals(model.getInertia(), inDocument.inertia(), 0.0);
        assertEquals(model.getIterations(), inDocument.history().size());

        MiniBatchKMeansModel back = (MiniBatchKMeansModel) Model.deserialize(proto);
        assertEquals(model.getKMeansModel().toString(), back.getKMeansModel().toString());
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(model.getKMeansModel().centroid(c), back.getKMeansModel().centroid(c), 0.0);
        }
        assertEquals(model.getHistory(), back.getHistory());
        for (int i = 0; i < DATA.size(); i++) {
            assertEquals(model.predict(DATA.getExample(i)).getOutput().getID(), back.predict(DATA.getExample(i)).getOutput().getID());
        }
    }

    @Test
    void javaSerializationCarriesTheDocumentToo() throws Exception {
        MiniBatchKMeansModel model = new MiniBatchKMeansTrainer(3, 50, 7).train(DATA);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(model);
        }
        assertTrue(bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1).contains("\"format\" : \"minibatch-kmeans-model\""));
        MiniBatchKMeansModel back;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            back = (MiniBatchKMeansModel) in.readObject();
        }
        assertTrue(java.util.Arrays.deepEquals(model.getKMeansModel().centroids(), back.getKMeansModel().centroids()));
        assertEquals(model.getKMeansModel().history(), back.getKMeansModel().history());
    }

    @Test
    void aModelSavedByRelease010IsStillRead() throws Exception {
        // Written by 0.1.0: new MiniBatchKMeansTrainer(3, 50, 7).train(gaussianClusters(500, 1)).serializeToFile(...);
        // it printed the labels of the first 20 examples, the inertia and the iterations below.
        Path file = Path.of(getClass().getResource("model-0.1.0.tribuo").toURI());
        MiniBatchKMeansModel model = (MiniBatchKMeansModel) Model.deserializeFromFile(file);
        int[] expected = {0, 2, 2, 1, 1, 2, 0, 0, 0, 1, 1, 0, 2, 2, 0, 0, 2, 0, 0, 0};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], model.predict(DATA.getExample(i)).getOutput().getID(), "example " + i);
        }
        assertEquals(952.6012525115873, model.getInertia(), 0.0);
        assertEquals(2, model.getIterations());
    }

    @Test
    void anUnknownVersionIsRefusedClearly() {
        ModelProto future = ModelProto.newBuilder().setClassName(MiniBatchKMeansModel.class.getName()).setVersion(7)
                .setSerializedData(Any.pack(io.github.minibatchkmeans.tribuo.protos.MiniBatchKMeansModelDocumentProto.getDefaultInstance())).build();
        Exception e = assertThrows(Exception.class, () -> Model.deserialize(future));
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        assertTrue(messages.toString().contains("Unknown MiniBatchKMeansModel protobuf version 7: this build reads versions 0 and 2"),
                messages.toString());
    }
}
