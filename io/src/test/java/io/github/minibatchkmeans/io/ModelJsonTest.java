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

    private static final String VALID = "{\"format\":\"minibatch-kmeans-model\",\"version\":1,\"mode\":\"EXACT\",\"k\":2,"
            + "\"dimensions\":2,\"centroids\":[[0,0],[1,1]],\"sizes\":[3,4],\"inertia\":1.5,\"iterations\":2,"
            + "\"converged\":true,\"history\":[]}";

    private static String readError(String json) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ModelJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "m.json"));
        assertTrue(e.getMessage().startsWith("m.json: "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    /** Defect 4: predict trusted any model file. Each field is checked for type, range, count and finiteness. */
    @Test
    void everyFieldIsCheckedForTypeRangeCountAndFiniteness() throws IOException {
        assertEquals(2, ModelJson.read(new ByteArrayInputStream(VALID.getBytes(StandardCharsets.UTF_8)), "m.json").k());
        String[][] cases = {
                {"[[0,0],[1,1]]", "[[null,0],[1,1]]", "null"},
                {"[[0,0],[1,1]]", "[[\"NaN\",0],[1,1]]", ""},
                {"[[0,0],[1,1]]", "[[\"Infinity\",0],[1,1]]", ""},
                {"[[0,0],[1,1]]", "[[1e999,0],[1,1]]", "not a finite number"},
                {"[[0,0],[1,1]]", "[[1e308,0],[1,1]]", "value too large"},
                {"[[0,0],[1,1]]", "[[-1e308,0],[1,1]]", "value too large"},
                {"[[0,0],[1,1]]", "[[0],[1,1]]", "centroid"},
                {"\"k\":2", "\"k\":\"2\"", ""},
                {"\"k\":2", "\"k\":2.5", ""},
                {"\"k\":2", "\"k\":0", "k must be at least 1"},
                {"\"k\":2", "\"k\":3", "k is 3 but 2 centroids"},
                {"\"k\":2,", "", "missing (or null) field \"k\""},
                {"[3,4]", "[3,-4]", "sizes[1]"},
                {"[3,4]", "[3]", "sizes"},
                {"\"inertia\":1.5", "\"inertia\":-1", "inertia"},
                {"\"iterations\":2", "\"iterations\":-2", "iterations"},
                {"\"mode\":\"EXACT\"", "\"mode\":\"FAST\"", ""},
                {"\"converged\":true", "\"converged\":1", ""},
        };
        for (String[] c : cases) {
            assertTrue(VALID.contains(c[0]), c[0]);
            String message = readError(VALID.replace(c[0], c[1]));
            assertTrue(message.contains(c[2]), c[1] + " -> " + message);
        }
        assertTrue(readError(VALID + " trailing").contains("not a valid model file"));
        assertTrue(readError(VALID.substring(0, VALID.length() / 2)).contains("not a valid model file"));
        assertTrue(readError("").contains("not a"));
    }

    /** Defect 10: a model path that is a directory got "IOException: Is a directory" with no name. */
    @Test
    void aDirectoryIsNamed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ModelJson.read(dir));
        assertEquals(dir + ": is a directory, not a data file", e.getMessage());
    }

    /** A model file larger than a quarter of the heap is refused before Jackson reads a byte (a sparse file: no disk used). */
    @Test
    void aModelFileTooLargeForTheHeapIsRefusedUnread(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path huge = dir.resolve("huge.json");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(Runtime.getRuntime().maxMemory() / 4 + 1);
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ModelJson.load(huge));
        assertTrue(e.getMessage().startsWith(huge + ": a model file of "), e.getMessage());
        assertTrue(e.getMessage().endsWith("a quarter of the max heap): give the JVM more with -Xmx"), e.getMessage());
    }
}
