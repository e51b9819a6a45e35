package io.github.minibatchkmeans.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.ArraySource;
import io.github.minibatchkmeans.core.Initializers;
import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.MiniBatchKMeans;
import io.github.minibatchkmeans.core.TestData;
import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** svmlight files: scikit-learn's own test files read as its loader reads them, sparse rows, errors naming file:line. */
class SvmlightSourceTest {
    @TempDir
    Path dir;

    private Path resource(String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/sklearn/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static SvmlightSource auto(Path file) {
        return new SvmlightSource(file, SvmlightSource.IndexBase.AUTO, 0);
    }

    @Test
    void readsScikitLearnsClassificationTestFileAsItsLoaderDoes() throws IOException {
        SvmlightSource source = auto(resource("svmlight_classification.txt"));
        assertTrue(source.sparse());
        assertEquals(6, source.rows().getAsLong());
        assertEquals(21, source.dimensions(), "1-based (no index 0): the largest index, 21, is the width");
        List<double[]> rows = TestData.readAll(source, 4);
        double[][] expected = new double[6][22]; // 21 features and the weight
        expected[0][2] = 2.5;
        expected[0][10] = -5.2;
        expected[0][15] = 1.5;
        expected[1][5] = 1.0;
        expected[1][12] = -3;
        expected[2][20] = 27;
        expected[3][1] = 1.234567890123456e10;
        for (int i = 0; i < 6; i++) {
            expected[i][21] = 1;
            assertArrayEquals(expected[i], rows.get(i), 0.0, "row " + i);
        }
        List<String> names = new ArrayList<>();
        assertArrayEquals(new int[] {0, 1, 2, 3, 0, 1}, source.labels(names));
        assertEquals(List.of("1.0", "2.0", "3.0", "4.0"), names);
    }

    @Test
    void readsMultilabelLinesAndLinesWithoutALabel() throws IOException {
        SvmlightSource source = auto(resource("svmlight_multilabel.txt"));
        assertEquals(4, source.rows().getAsLong());
        assertEquals(20, source.dimensions());
        List<String> names = new ArrayList<>();
        source.labels(names);
        assertEquals(List.of("1,0", "2", "", "1,2"), names);
        assertEquals(3.5, TestData.readAll(source, 10).get(2)[1], 0.0);
    }

    @Test
    void badInputIsRefusedNamingTheFileAndLine() throws IOException {
        Path unordered = resource("svmlight_invalid_order.txt");
        String message = assertThrows(InvalidInputException.class, () -> auto(unordered)).getMessage();
        assertEquals(unordered + ":1: index 2 after 5: indices must increase within a line", message);
        Path duplicate = write("dup.svm", "1 1:1 2:2\n2 3:1 3:2\n");
        assertEquals(duplicate + ":2: index 3 after 3: indices must increase within a line",
                assertThrows(InvalidInputException.class, () -> auto(duplicate)).getMessage());
        Path nan = write("nan.svm", "1 1:1\n\n2 4:NaN\n");
        assertTrue(assertThrows(InvalidInputException.class, () -> auto(nan)).getMessage().startsWith(nan + ":3: index 4"));
        Path notPair = write("pair.svm", "1 1:1 7\n");
        assertEquals(notPair + ":1: '7' is not index:value", assertThrows(InvalidInputException.class, () -> auto(notPair)).getMessage());
        Path text = write("text.svm", "1 1:x\n");
        assertEquals(text + ":1: index 1: 'x' is not a number", assertThrows(InvalidInputException.class, () -> auto(text)).getMessage());
        Path wide = write("wide.svm", "1 1:1\n1 9:1\n");
        assertEquals(wide + ":2: index 9 is beyond the 5 features",
                assertThrows(InvalidInputException.class, () -> new SvmlightSource(wide, SvmlightSource.IndexBase.ONE, 5)).getMessage());
        Path huge = write("huge.svm", "1 1:1\n1 2147483647:1\n");
        assertEquals(huge + ":2: index 2147483647 makes 2147483647 features, more than the 16777216 a fit can hold",
                assertThrows(InvalidInputException.class, () -> auto(huge)).getMessage());
        Path zero = write("zero.svm", "1 3:1\n1 0:1\n");
        assertEquals(zero + ":2: index 0 in a file of 1-based indices",
                assertThrows(InvalidInputException.class, () -> new SvmlightSource(zero, SvmlightSource.IndexBase.ONE, 0)).getMessage());
    }

    @Test
    void indexZeroMakesAFileZeroBasedAndQidIsAccepted() throws IOException {
        SvmlightSource source = auto(write("z.svm", "3 qid:1 0:1.5 4:2\r\n-1 qid:2 2:1 # comment\n"));
        assertTrue(source.zeroBased());
        assertEquals(5, source.dimensions());
        assertArrayEquals(new double[] {1.5, 0, 0, 0, 2, 1}, TestData.readAll(source, 1).get(0), 0.0);
    }

    @Test
    void sparseReadsStopBeforeARowThatDoesNotFitAndDeliverItNext() throws IOException {
        SvmlightSource source = auto(write("f.svm", "1 1:1 2:2 3:3\n2 1:4 3:5\n3 2:6\n"));
        int[] ends = new int[3];
        int[] indices = new int[4];
        double[] values = new double[4];
        double[] weights = new double[3];
        try (BatchReader reader = source.open()) {
            assertEquals(1, reader.readSparse(ends, indices, values, weights, 3), "the second row's two values do not fit");
            assertEquals(3, ends[0]);
            assertArrayEquals(new int[] {0, 1, 2}, java.util.Arrays.copyOf(indices, 3));
            assertEquals(2, reader.readSparse(ends, indices, values, weights, 3));
            assertArrayEquals(new int[] {2, 3}, java.util.Arrays.copyOf(ends, 2));
            assertArrayEquals(new double[] {4, 5, 6}, java.util.Arrays.copyOf(values, 3), 0.0);
            assertEquals(0, reader.readSparse(ends, indices, values, weights, 3));
        }
    }

    @Test
    void aFitOnAnSvmlightFileEqualsTheFitOnTheSameRowsDense() throws IOException {
        Random random = new Random(7);
        int n = 2_000;
        int d = 120;
        double[][] x = new double[n][d];
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append(i % 4);
            for (int j = 0; j < d; j++) {
                if (random.nextInt(10) == 0 || (j / 30 == i % 4 && random.nextInt(3) == 0)) {
                    x[i][j] = Math.round(random.nextDouble() * 1e6) / 1e3;
                    text.append(String.format(Locale.ROOT, " %d:%s", j, x[i][j]));
                }
            }
            text.append('\n');
        }
        Path file = write("rows.svm", text.toString());
        SvmlightSource source = new SvmlightSource(file, SvmlightSource.IndexBase.ZERO, d);
        double[][] init = TestData.rows(x, 0, 4);
        KMeansConfig config = KMeansConfig.builder(4).initializer(Initializers.explicit(init)).threads(2).build();
        KMeansModel sparse = new MiniBatchKMeans(config).fit(source);
        KMeansModel dense = new MiniBatchKMeans(config).fit(ArraySource.of(x));
        assertArrayEquals(TestData.labels(dense, ArraySource.of(x), n), TestData.labels(sparse, source, n));
        for (int c = 0; c < 4; c++) {
            for (int j = 0; j < d; j++) {
                double expected = dense.centroids()[c][j];
                assertEquals(expected, sparse.centroids()[c][j], 1e-12 * Math.max(1, Math.abs(expected)));
            }
        }
    }
}
