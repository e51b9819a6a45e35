package io.github.minibatchkmeans.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.MiniBatchKMeans;
import io.github.minibatchkmeans.core.MissingValues;
import io.github.minibatchkmeans.core.TestData;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void csvHeaderIsDetectedAndColumnsAreSelectedByNameOrIndex() throws IOException {
        Path file = write("a.csv", "x,y,label,w\n1,2,7,0.5\n3,4,8,2\n");
        CsvSource all = new CsvSource(file);
        assertTrue(all.hasHeader());
        assertEquals(List.of("x", "y", "label", "w"), all.featureNames());

        CsvSource picked = new CsvSource(file, CsvOptions.forFile(file).withColumns(List.of("y", "0")).withWeightColumn("w"));
        assertEquals(List.of("y", "x"), picked.featureNames());
        List<double[]> rows = TestData.readAll(picked, 1);
        assertArrayEquals(new double[] {2, 1, 0.5}, rows.get(0));
        assertArrayEquals(new double[] {4, 3, 2}, rows.get(1));
    }

    @Test
    void csvWithoutHeaderIsAllData() throws IOException {
        Path file = write("b.csv", "1,2\n3,4\n\n5,6\n");
        CsvSource source = new CsvSource(file);
        assertFalse(source.hasHeader());
        assertEquals(3, TestData.readAll(source, 2).size());
        Path numericHeader = write("c.csv", "1,2\n3,4\n");
        CsvSource forced = new CsvSource(numericHeader, CsvOptions.forFile(numericHeader).withHeader(CsvOptions.Header.PRESENT));
        assertEquals(1, TestData.readAll(forced, 10).size());
    }

    @Test
    void tsvIsChosenByExtensionAndEachPassStartsAgain() throws IOException {
        Path file = write("d.tsv", "a\tb\n1\t2\n3\t4\n");
        CsvSource source = new CsvSource(file);
        assertEquals(2, source.dimensions());
        assertEquals(TestData.readAll(source, 1).size(), TestData.readAll(source, 5).size());
        assertArrayEquals(new double[] {3, 4, 1}, TestData.readAll(source, 5).get(1));
    }

    @Test
    void csvErrorsNameFileLineAndColumn() throws IOException {
        Path bad = write("bad.csv", "x,y\n1,2\n3,abc\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TestData.readAll(new CsvSource(bad), 10));
        assertEquals(bad + ":3:2: not a number: 'abc'", e.getMessage());

        Path ragged = write("ragged.csv", "1,2\n3\n");
        e = assertThrows(InvalidInputException.class, () -> TestData.readAll(new CsvSource(ragged), 10));
        assertEquals(ragged + ":2: expected 2 fields, found 1", e.getMessage());

        Path nan = write("nan.csv", "1,2\n3,NaN\n");
        e = assertThrows(InvalidInputException.class, () -> TestData.readAll(new CsvSource(nan), 10));
        assertEquals(nan + ":2:2: not a finite number: 'NaN'", e.getMessage());

        Path inf = write("inf.csv", "1,-Infinity\n");
        e = assertThrows(InvalidInputException.class, () -> TestData.readAll(new CsvSource(inf), 10));
        assertEquals(inf + ":1:2: not a finite number: '-Infinity'", e.getMessage());

        Path negative = write("neg.csv", "x,w\n1,1\n2,-1\n");
        e = assertThrows(InvalidInputException.class,
                () -> TestData.readAll(new CsvSource(negative, CsvOptions.forFile(negative).withWeightColumn("w")), 10));
        assertEquals(negative + ":3:2: negative weight: -1.0", e.getMessage());
    }

    @Test
    void csvFileProblemsAreOneLine() throws IOException {
        Path empty = write("empty.csv", "");
        assertEquals(empty + ": empty input (no rows)",
                assertThrows(InvalidInputException.class, () -> new CsvSource(empty)).getMessage());
        Path missing = dir.resolve("missing.csv");
        assertEquals(missing + ": no such file",
                assertThrows(InvalidInputException.class, () -> new CsvSource(missing)).getMessage());
        assertEquals(dir + ": is a directory, not a data file",
                assertThrows(InvalidInputException.class, () -> new CsvSource(dir)).getMessage());
        Path file = write("e.csv", "x,y\n1,2\n");
        assertTrue(assertThrows(InvalidInputException.class,
                () -> new CsvSource(file, CsvOptions.forFile(file).withColumns(List.of("z")))).getMessage()
                .startsWith(file + ": column 'z' not found"));
        assertTrue(assertThrows(InvalidInputException.class,
                () -> new CsvSource(file, CsvOptions.forFile(file).withWeightColumn("5"))).getMessage()
                .startsWith(file + ": weight column index 5 is out of range"));
    }

    /** A file large enough to be parsed in ranges on several threads. */
    private Path big(String name, int rows, int badRow) throws IOException {
        Path file = dir.resolve(name);
        try (java.io.BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("a,b,c\n");
            for (int i = 0; i < rows; i++) {
                out.write(i == badRow ? i + ",oops," + (i % 7) + "\n" : i + "," + (i * 0.5) + "," + (i % 7) + "\n");
                if (i % 1000 == 999) {
                    out.write("\n"); // empty lines count as lines, not rows
                }
            }
        }
        return file;
    }

    /** Threads lent as a pass lends them: {@code count} at once, counting the most ever running together. */
    private static final class LentThreads implements io.github.minibatchkmeans.core.spi.ReadThreads {
        private final int count;
        private final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool();
        private final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();

        LentThreads(int count) {
            this.count = count;
        }

        @Override
        public int count() {
            return count;
        }

        @Override
        public <T> java.util.concurrent.Future<T> submit(java.util.concurrent.Callable<T> task) {
            return pool.submit(() -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    return task.call();
                } finally {
                    running.decrementAndGet();
                }
            });
        }
    }

    @Test
    void missingValuesAreAnErrorNamingThePlaceOrFilledFromTheStatisticsPass() throws IOException {
        Path file = write("m.csv", "a,b,w\n1,2,1\n3,,1\n5,?,2\n NA ,8,1\n7,NaN,1\n");
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> TestData.readAll(new CsvSource(file, CsvOptions.forFile(file).withWeightColumn("w")), 10));
        assertEquals(file + ":3:2: missing value (empty field); --missing impute replaces missing values with their column's mean",
                refused.getMessage());
        CsvSource imputed = new CsvSource(file, CsvOptions.forFile(file).withWeightColumn("w")
                .withMissing(CsvOptions.Missing.IMPUTE));
        List<double[]> rows = TestData.readAll(imputed, 2);
        assertArrayEquals(new double[] {3, Double.NaN, 1}, rows.get(1), "delivered as NaN, no read of its own");
        assertArrayEquals(new double[] {Double.NaN, 8, 1}, rows.get(3));
        KMeansModel filled = new MiniBatchKMeans(KMeansConfig.builder(1).missing(MissingValues.IMPUTE).build()).fit(imputed);
        double meanA = (1 + 3 + 5 * 2 + 7) / 5.0; // weighted over the values present
        double meanB = (2 + 8) / 2.0;
        assertArrayEquals(new double[] {meanA, meanB}, filled.centroid(0), 1e-12, "the completed data's mean");
        assertEquals(4, filled.missingValues());
        CsvSource given = new CsvSource(file, CsvOptions.forFile(file).withWeightColumn("w")
                .withMissing(CsvOptions.Missing.IMPUTE), new double[] {-1, -2});
        assertArrayEquals(new double[] {3, -2, 1}, TestData.readAll(given, 2).get(1), "fills given: used as read");
        Path empty = write("e.csv", "a,b\n1,\n2,?\n");
        assertEquals("column 1 has no value to fill its missing values with", assertThrows(InvalidInputException.class,
                () -> new MiniBatchKMeans(KMeansConfig.builder(1).build()).fit(new CsvSource(empty, CsvOptions.forFile(empty)
                        .withMissing(CsvOptions.Missing.IMPUTE)))).getMessage());
    }

    @Test
    void theMissingValueMarkersAreTheCallersTextsAndNumbers() throws IOException {
        Path file = write("k.csv", "a,b\n1,2\n3,-999\n5, missing \n7,?\n");
        CsvOptions markers = CsvOptions.forFile(file).withMissingMarkers(List.of("-999", "MISSING"));
        InvalidInputException question = assertThrows(InvalidInputException.class,
                () -> TestData.readAll(new CsvSource(file, markers.withMissing(CsvOptions.Missing.IMPUTE)), 10));
        assertEquals(file + ":5:2: not a number: '?'", question.getMessage(), "? is no marker any more");
        Path clean = write("k2.csv", "a,b\n1,2\n3,-999\n5,MISSING\n");
        CsvSource imputed = new CsvSource(clean, CsvOptions.forFile(clean).withMissingMarkers(List.of("-999", "missing"))
                .withMissing(CsvOptions.Missing.IMPUTE));
        List<double[]> rows = TestData.readAll(imputed, 10);
        assertArrayEquals(new double[] {3, Double.NaN, 1}, rows.get(1), "-999 is missing");
        assertArrayEquals(new double[] {5, Double.NaN, 1}, rows.get(2));
        assertEquals(2, new MiniBatchKMeans(KMeansConfig.builder(1).build()).fit(imputed).missingValues());
        assertEquals(clean + ":3:2: missing value ('-999'); --missing impute replaces missing values with their column's mean",
                assertThrows(InvalidInputException.class, () -> TestData.readAll(new CsvSource(clean, CsvOptions.forFile(clean)
                        .withMissingMarkers(List.of("-999"))), 10)).getMessage());
    }

    @Test
    void aLargeFileWithMissingValuesParsedOnLentThreadsImputesAsOneThreadDoes() throws IOException {
        StringBuilder text = new StringBuilder("x,y,z\n");
        java.util.Random random = new java.util.Random(4);
        for (int i = 0; i < 400_000; i++) {
            for (int j = 0; j < 3; j++) {
                text.append(j > 0 ? "," : "").append(random.nextInt(50) == 0 ? "" : Double.toString(random.nextGaussian()));
            }
            text.append('\n');
        }
        Path file = write("bigm.csv", text.toString());
        assertTrue(Files.size(file) > 8 << 20, "large enough for ranges: " + Files.size(file));
        CsvOptions impute = CsvOptions.forFile(file).withMissing(CsvOptions.Missing.IMPUTE);
        List<double[]> parallel = readAll(new CsvSource(file, impute), new LentThreads(3));
        List<double[]> serial = TestData.readAll(new CsvSource(file, impute), 4096);
        assertEquals(serial.size(), parallel.size());
        for (int i = 0; i < serial.size(); i++) {
            assertArrayEquals(serial.get(i), parallel.get(i), "row " + i);
        }
    }

    /** Every row of {@code source}, read by one pass that lends the reader {@code threads}. */
    private static List<double[]> readAll(CsvSource source, io.github.minibatchkmeans.core.spi.ReadThreads threads)
            throws IOException {
        List<double[]> rows = new java.util.ArrayList<>();
        int d = source.dimensions();
        double[] data = new double[4096 * d];
        double[] weights = new double[4096];
        try (io.github.minibatchkmeans.core.spi.BatchReader reader = source.open(threads)) {
            for (int n = reader.read(data, weights, 4096); n > 0; n = reader.read(data, weights, 4096)) {
                for (int i = 0; i < n; i++) {
                    double[] row = java.util.Arrays.copyOfRange(data, i * d, (i + 1) * d + 1);
                    row[d] = weights[i];
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    @Test
    void aLargeFileParsedOnTheLentThreadsGivesEveryRowInOrderAndUsesNoMoreThanLent() throws IOException {
        Path file = big("big.csv", 600_000, -1);
        assertTrue(Files.size(file) > 8 << 20, "large enough for ranges: " + Files.size(file));
        LentThreads three = new LentThreads(3);
        List<double[]> rows = readAll(new CsvSource(file), three);
        assertTrue(three.most.get() >= 2 && three.most.get() <= 3, "ranges parsed together: " + three.most.get());
        assertEquals(TestData.readAll(new CsvSource(file), 4096).size(), rows.size(), "the same rows as one thread reads");
        assertEquals(600_000, rows.size());
        for (int i = 0; i < rows.size(); i += 997) {
            assertArrayEquals(new double[] {i, i * 0.5, i % 7, 1.0}, rows.get(i));
        }
        assertArrayEquals(new double[] {599_999, 599_999 * 0.5, 599_999 % 7, 1.0}, rows.get(599_999));
    }

    @Test
    void aLargeFileStillNamesTheLineOfABadValue() throws IOException {
        int bad = 550_000; // far into a later range; line = header + rows before + blank lines before
        Path file = big("bad-big.csv", 600_000, bad);
        long line = 1 + bad + bad / 1000 + 1;
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> readAll(new CsvSource(file), new LentThreads(2)));
        assertEquals(file + ":" + line + ":2: not a number: 'oops'", e.getMessage());
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstField() throws IOException {
        Path plain = dir.resolve("bom.csv");
        Files.write(plain, ("\uFEFFa,b\n1,2\n3,4\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        CsvSource source = new CsvSource(plain, CsvOptions.forFile(plain).withColumns(List.of("a")));
        assertEquals(List.of("a"), source.featureNames());
        assertEquals(2, TestData.readAll(source, 10).size());
        Path headerless = dir.resolve("bom-data.csv");
        Files.write(headerless, ("\uFEFF1,2\n3,4\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(2, TestData.readAll(new CsvSource(headerless), 10).size(), "the first row is data, not a header");
    }

    /** A UTF-16 file large enough for parallel ranges is read by its byte-order mark, as a small one is: bytes cannot be cut at '\n'. */
    @Test
    void aLargeUtf16FileIsReadAsText() throws IOException {
        StringBuilder text = new StringBuilder("\uFEFFa,b\n");
        for (int i = 0; i < 300_000; i++) {
            text.append(i).append(',').append(-i * 0.25).append('\n');
        }
        Path file = dir.resolve("utf16.csv");
        Files.write(file, text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        assertTrue(Files.size(file) > 8 << 20, "large enough for ranges: " + Files.size(file));
        List<double[]> rows = readAll(new CsvSource(file), new LentThreads(2));
        assertEquals(300_000, rows.size());
        assertArrayEquals(new double[] {299_999, -299_999 * 0.25, 1.0}, rows.get(299_999));
    }

    /** A header that names two columns alike is refused: columns are chosen, and models map columns, by name. */
    @Test
    void aHeaderNamingAColumnTwiceIsRefused() throws IOException {
        Path file = dir.resolve("twice.csv");
        Files.writeString(file, "a,b,a\n1,2,3\n");
        assertEquals(file + ":1: the header names column 'a' twice (columns 1 and 3): give each column its own name",
                assertThrows(InvalidInputException.class, () -> new CsvSource(file)).getMessage());
    }

    /** Defect 2: a text file changed while its one parsing pass reads it is an error naming the file and pass. */
    @Test
    void aFileChangedDuringItsPassIsRefused() throws IOException {
        StringBuilder text = new StringBuilder("x,y\n");
        for (int i = 0; i < 1000; i++) {
            text.append(i).append(',').append(i % 7).append('\n');
        }
        Path file = write("growing.csv", text.toString());
        CsvSource source = new CsvSource(file);
        double[] data = new double[2 * 100];
        double[] weights = new double[100];
        try (io.github.minibatchkmeans.core.spi.BatchReader reader = source.open()) {
            assertEquals(100, reader.read(data, weights, 100));
            Files.writeString(file, "5,5\n", java.nio.file.StandardOpenOption.APPEND);
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> {
                while (reader.read(data, weights, 100) > 0) {
                    continue;
                }
            });
            assertTrue(e.getMessage().startsWith(file + ": the file changed during the fit ("), e.getMessage());
            assertTrue(e.getMessage().endsWith("found at the end of pass 1"), e.getMessage());
        }
        InvalidInputException next = assertThrows(InvalidInputException.class, source::open);
        assertTrue(next.getMessage().endsWith("found at the start of pass 2"), next.getMessage());
    }
}
