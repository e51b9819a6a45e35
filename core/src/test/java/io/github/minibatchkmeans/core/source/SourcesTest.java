package io.github.minibatchkmeans.core.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesTest {
    @TempDir
    Path dir;

    /** Reads a whole source in batches of {@code batch} rows; returns rows with the weight appended. */
    static List<double[]> readAll(BatchSource source, int batch) throws IOException {
        int d = source.dimensions();
        List<double[]> out = new ArrayList<>();
        double[] data = new double[batch * d];
        double[] w = new double[batch];
        try (BatchReader reader = source.open()) {
            int n;
            while ((n = reader.read(data, w, batch)) > 0) {
                for (int i = 0; i < n; i++) {
                    double[] row = new double[d + 1];
                    System.arraycopy(data, i * d, row, 0, d);
                    row[d] = w[i];
                    out.add(row);
                }
            }
        }
        return out;
    }

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
        List<double[]> rows = readAll(picked, 1);
        assertArrayEquals(new double[] {2, 1, 0.5}, rows.get(0));
        assertArrayEquals(new double[] {4, 3, 2}, rows.get(1));
    }

    @Test
    void csvWithoutHeaderIsAllData() throws IOException {
        Path file = write("b.csv", "1,2\n3,4\n\n5,6\n");
        CsvSource source = new CsvSource(file);
        assertFalse(source.hasHeader());
        assertEquals(3, readAll(source, 2).size());
        Path numericHeader = write("c.csv", "1,2\n3,4\n");
        CsvSource forced = new CsvSource(numericHeader, CsvOptions.forFile(numericHeader).withHeader(CsvOptions.Header.PRESENT));
        assertEquals(1, readAll(forced, 10).size());
    }

    @Test
    void tsvIsChosenByExtensionAndEachPassStartsAgain() throws IOException {
        Path file = write("d.tsv", "a\tb\n1\t2\n3\t4\n");
        CsvSource source = new CsvSource(file);
        assertEquals(2, source.dimensions());
        assertEquals(readAll(source, 1).size(), readAll(source, 5).size());
        assertArrayEquals(new double[] {3, 4, 1}, readAll(source, 5).get(1));
    }

    @Test
    void csvErrorsNameFileLineAndColumn() throws IOException {
        Path bad = write("bad.csv", "x,y\n1,2\n3,abc\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> readAll(new CsvSource(bad), 10));
        assertEquals(bad + ":3:2: not a number: 'abc'", e.getMessage());

        Path ragged = write("ragged.csv", "1,2\n3\n");
        e = assertThrows(InvalidInputException.class, () -> readAll(new CsvSource(ragged), 10));
        assertEquals(ragged + ":2: expected 2 fields, found 1", e.getMessage());

        Path nan = write("nan.csv", "1,2\n3,NaN\n");
        e = assertThrows(InvalidInputException.class, () -> readAll(new CsvSource(nan), 10));
        assertEquals(nan + ":2:2: not a finite number: 'NaN'", e.getMessage());

        Path inf = write("inf.csv", "1,-Infinity\n");
        e = assertThrows(InvalidInputException.class, () -> readAll(new CsvSource(inf), 10));
        assertEquals(inf + ":1:2: not a finite number: '-Infinity'", e.getMessage());

        Path negative = write("neg.csv", "x,w\n1,1\n2,-1\n");
        e = assertThrows(InvalidInputException.class,
                () -> readAll(new CsvSource(negative, CsvOptions.forFile(negative).withWeightColumn("w")), 10));
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

    static Path writeNpy(Path file, double[][] rows, boolean float32) throws IOException {
        int d = rows[0].length;
        byte[] header = NpyHeader.encode(rows.length, d, float32);
        ByteBuffer data = ByteBuffer.allocate(rows.length * d * (float32 ? 4 : 8)).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] row : rows) {
            for (double v : row) {
                if (float32) {
                    data.putFloat((float) v);
                } else {
                    data.putDouble(v);
                }
            }
        }
        byte[] all = new byte[header.length + data.capacity()];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(data.array(), 0, all, header.length, data.capacity());
        Files.write(file, all);
        return file;
    }

    @Test
    void npyFloat64AndFloat32AreStreamed() throws IOException {
        double[][] rows = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9.5}};
        for (boolean float32 : new boolean[] {false, true}) {
            NpySource source = new NpySource(writeNpy(dir.resolve("a" + float32 + ".npy"), rows, float32));
            assertEquals(3, source.rows());
            assertEquals(3, source.dimensions());
            List<double[]> read = readAll(source, 2);
            for (int i = 0; i < 3; i++) {
                double[] expected = {rows[i][0], rows[i][1], rows[i][2], 1.0};
                assertArrayEquals(expected, read.get(i));
            }
        }
    }

    private Path npyWithDict(String name, String dict, int dataBytes) throws IOException {
        byte[] text = (dict + "\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(10 + text.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) text.length).put(text);
        Path file = dir.resolve(name);
        Files.write(file, out.array());
        return file;
    }

    @Test
    void unsupportedOrTruncatedNpyIsRefusedWithOneLine() throws IOException {
        Path ints = npyWithDict("i.npy", "{'descr': '<i8', 'fortran_order': False, 'shape': (2, 2), }", 32);
        assertEquals(ints + ": unsupported .npy dtype '<i8' (need little-endian float32 '<f4' or float64 '<f8')",
                assertThrows(InvalidInputException.class, () -> new NpySource(ints)).getMessage());
        Path big = npyWithDict("b.npy", "{'descr': '>f8', 'fortran_order': False, 'shape': (2, 2), }", 32);
        assertTrue(assertThrows(InvalidInputException.class, () -> new NpySource(big)).getMessage().contains("'>f8'"));
        Path fortran = npyWithDict("f.npy", "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2), }", 32);
        assertEquals(fortran + ": Fortran-order .npy is not supported (save with C order)",
                assertThrows(InvalidInputException.class, () -> new NpySource(fortran)).getMessage());
        Path oneD = npyWithDict("v.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", 32);
        assertEquals(oneD + ": .npy array must be 2-D (rows, columns), found shape (4,)",
                assertThrows(InvalidInputException.class, () -> new NpySource(oneD)).getMessage());
        Path threeD = npyWithDict("t.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2, 2), }", 64);
        assertTrue(assertThrows(InvalidInputException.class, () -> new NpySource(threeD)).getMessage().contains("must be 2-D"));
        Path shortData = npyWithDict("s.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }", 24);
        assertEquals(shortData + ": truncated .npy: shape (2, 2) needs 32 bytes of data, found 24",
                assertThrows(InvalidInputException.class, () -> new NpySource(shortData)).getMessage());
        Path notNpy = write("x.npy", "hello world, not numpy");
        assertEquals(notNpy + ": not a .npy file (bad magic string)",
                assertThrows(InvalidInputException.class, () -> new NpySource(notNpy)).getMessage());
    }

    @Test
    void npyNonFiniteValuesAreReportedByRowAndColumn() throws IOException {
        Path file = writeNpy(dir.resolve("nan.npy"), new double[][] {{1, 2}, {3, Double.NaN}}, false);
        assertEquals(file + ": row 1, column 1: not a finite number: NaN",
                assertThrows(InvalidInputException.class, () -> readAll(new NpySource(file), 10)).getMessage());
    }

    @Test
    void arraySourceChecksShapeValuesAndWeights() {
        assertThrows(InvalidInputException.class, () -> ArraySource.of(new double[][] {{1, 2}, {3}}));
        assertThrows(InvalidInputException.class, () -> ArraySource.of(new double[][] {{Double.NaN}}));
        assertEquals("weights[1]: negative weight: -2.0", assertThrows(InvalidInputException.class,
                () -> ArraySource.of(new double[][] {{1}, {2}}, new double[] {1, -2})).getMessage());
        assertThrows(InvalidInputException.class, () -> ArraySource.ofFlat(new double[5], 2, null));
    }
}
