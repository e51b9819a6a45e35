package io.github.minibatchkmeans.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written by scipy's save_npz (test resources, see scipy/README.txt) read as the same rows as their dense copies. */
class NpzSourceTest {
    @TempDir
    Path dir;

    private Path resource(String name) throws IOException {
        Path file = dir.resolve(name);
        if (Files.exists(file)) {
            return file;
        }
        try (InputStream in = getClass().getResourceAsStream("/scipy/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    private void assertSameRows(String npz, String npy) throws IOException {
        NpzSource sparse = new NpzSource(resource(npz));
        NpySource dense = new NpySource(resource(npy));
        assertTrue(sparse.sparse());
        assertEquals(dense.dimensions(), sparse.dimensions(), npz);
        assertEquals(dense.rows(), sparse.rows(), npz);
        List<double[]> expected = TestData.readAll(dense, 50);
        List<double[]> actual = TestData.readAll(sparse, 37);
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), 0.0, npz + ", row " + i);
        }
    }

    @Test
    void csrCscAndIntegerCountsReadAsTheirDenseCopies() throws IOException {
        assertSameRows("tfidf-csr.npz", "tfidf-dense.npy");
        assertSameRows("tfidf-csc.npz", "tfidf-dense.npy");
        assertSameRows("counts-csr-uncompressed.npz", "counts-dense.npy");
    }

    @Test
    void aFitOnTheNpzFileEqualsTheFitOnItsDenseCopy() throws IOException {
        NpySource dense = new NpySource(resource("tfidf-dense.npy"));
        double[][] rows = TestData.readAll(dense, 240).stream().map(r -> java.util.Arrays.copyOf(r, r.length - 1))
                .toArray(double[][]::new);
        KMeansConfig config = KMeansConfig.builder(3).initializer(Initializers.explicit(TestData.rows(rows, 0, 3))).build();
        KMeansModel fromDense = new MiniBatchKMeans(config).fit(dense);
        for (String npz : new String[] {"tfidf-csr.npz", "tfidf-csc.npz"}) {
            NpzSource sparse = new NpzSource(resource(npz));
            KMeansModel fromSparse = new MiniBatchKMeans(config).fit(sparse);
            assertArrayEquals(TestData.labels(fromDense, dense, 240), TestData.labels(fromSparse, sparse, 240), npz);
            for (int c = 0; c < 3; c++) {
                for (int j = 0; j < rows[0].length; j++) {
                    double expected = fromDense.centroids()[c][j];
                    assertEquals(expected, fromSparse.centroids()[c][j], 1e-12 * Math.max(1, Math.abs(expected)), npz);
                }
            }
        }
    }

    @Test
    void otherFormatsUnsortedIndicesAndOtherFilesAreRefusedSayingWhatToDo() throws IOException {
        Path coo = resource("tfidf-coo.npz");
        assertEquals(coo + ": a coo matrix; save a CSR (or CSC) matrix: scipy.sparse.save_npz(file, X.tocsr())",
                assertThrows(InvalidInputException.class, () -> new NpzSource(coo)).getMessage());
        NpzSource unsorted = new NpzSource(resource("tfidf-unsorted.npz"));
        String message = assertThrows(InvalidInputException.class, () -> TestData.readAll(unsorted, 10)).getMessage();
        assertTrue(message.endsWith("tfidf-unsorted.npz: row 0, index 1: indices must increase within a row (after 4); "
                + "X.sort_indices() and X.sum_duplicates() make them so"), message);
        Path text = Files.writeString(dir.resolve("text.npz"), "not a zip");
        assertTrue(assertThrows(InvalidInputException.class, () -> new NpzSource(text)).getMessage()
                .startsWith(text + ": not an .npz file"));
        Path npy = resource("tfidf-dense.npy");
        Path renamed = Files.copy(npy, dir.resolve("dense.npz"));
        assertTrue(assertThrows(InvalidInputException.class, () -> new NpzSource(renamed)).getMessage()
                .startsWith(renamed + ": not an .npz file"));
    }
}
