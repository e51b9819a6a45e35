package io.github.minibatchkmeans.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.TestData;
import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.MiniBatchKMeans;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ModelJsonTest {
    private static KMeansModel fitted() {
        return new MiniBatchKMeans(KMeansConfig.builder(4).seed(2).build()).fit(TestData.blobs(500, 3, 4, 5, 1));
    }

    @Test
    void jsonRoundTripKeepsEveryNumberExactly() throws IOException {
        KMeansModel model = fitted();
        String json = ModelJson.toJson(model);
        assertTrue(json.contains("\"format\" : \"minibatch-kmeans-model\""), json);
        assertTrue(json.contains("\"version\" : 1"), json);
        KMeansModel loaded = ModelJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "m.json");
        for (int c = 0; c < 4; c++) {
            assertArrayEquals(model.centroids()[c], loaded.centroids()[c], 0.0);
            assertArrayEquals(model.initialCentroids().orElseThrow()[c], loaded.initialCentroids().orElseThrow()[c], 0.0);
        }
        assertArrayEquals(model.sizes(), loaded.sizes(), 0.0);
        assertEquals(model.inertia(), loaded.inertia(), 0.0);
        assertEquals(model.iterations(), loaded.iterations());
        assertEquals(model.converged(), loaded.converged());
        assertEquals(model.history(), loaded.history());
        assertEquals(model.mode(), loaded.mode());
    }

    @Test
    void javaSerializationRebuildsAWorkingModel() throws Exception {
        KMeansModel model = fitted();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(model);
        }
        KMeansModel back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (KMeansModel) in.readObject();
        }
        double[] x = {5, 0.5, -1};
        assertEquals(model.predict(x), back.predict(x));
        assertArrayEquals(model.transform(x), back.transform(x), 0.0);
    }

    @Test
    void predictTransformAndScoreAgree() throws IOException {
        KMeansModel model = fitted();
        double[][] rows = TestData.blobs(50, 3, 4, 5, 9);
        double inertia = 0;
        for (double[] row : rows) {
            double[] distances = model.transform(row);
            int label = model.predict(row);
            for (double d : distances) {
                assertTrue(distances[label] <= d);
            }
            inertia += distances[label] * distances[label];
        }
        assertEquals(-inertia, model.score(rows, null), 1e-9);
    }

    @Test
    void foreignOrFutureFilesAreRefused() {
        String other = "{\"format\":\"something-else\",\"version\":1}";
        assertThrows(InvalidInputException.class, () -> ModelJson.read(new ByteArrayInputStream(other.getBytes()), "x.json"));
        String future = "{\"format\":\"minibatch-kmeans-model\",\"version\":99}";
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ModelJson.read(new ByteArrayInputStream(future.getBytes()), "f.json"));
        assertEquals("f.json: model format version 99 is not supported (this build reads 1)", e.getMessage());
        assertThrows(InvalidInputException.class, () -> ModelJson.read(new ByteArrayInputStream("not json".getBytes()), "n.json"));
    }
}
