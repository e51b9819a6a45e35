package io.github.minibatchkmeans.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minibatchkmeans.core.spi.InvalidInputException;
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

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    static Path writeNpy(Path file, double[][] rows, boolean float32) throws IOException {
        int d = rows[0].length;
        byte[] header = NpySource.header(rows.length, d, float32);
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
            assertEquals(3, source.rows().orElseThrow());
            assertEquals(3, source.dimensions());
            List<double[]> read = TestData.readAll(source, 2);
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

    /** The header dict is read as numpy reads it, with Python's literal_eval: a repeated key's last value wins, strings are opaque. */
    @Test
    void npyHeaderIsReadAsAPythonLiteralAsNumpyReadsIt() throws IOException {
        Path repeated = npyWithDict("r.npy", "{'descr': '<i8', 'fortran_order': False, 'shape': (2, 2), 'descr': '<f8', }", 32);
        assertEquals(2, new NpySource(repeated).dimensions(), "the later 'descr' wins");
        Path quoted = npyWithDict("q.npy", "{\"descr\": '<f4', 'fortran_order': False, 'shape': (3L, 2L)}", 24);
        assertEquals(3, new NpySource(quoted).rows().orElseThrow(), "double quotes, Python 2 longs, no trailing comma");
        Path inString = npyWithDict("s.npy", "{'descr': \"'shape': (9, 9)\", 'fortran_order': False, 'shape': (2, 2), }", 32);
        assertEquals(inString + ": unsupported .npy dtype ''shape': (9, 9)' (need little-endian float32 '<f4' or float64 '<f8')",
                assertThrows(InvalidInputException.class, () -> new NpySource(inString)).getMessage(),
                "a key inside a string value is text, not a key");
        Path extra = npyWithDict("e.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), 'x': 1}", 32);
        assertEquals(extra + ": .npy header must have the keys 'descr', 'fortran_order' and 'shape', found [descr, fortran_order, "
                + "shape, x]", assertThrows(InvalidInputException.class, () -> new NpySource(extra)).getMessage());
        Path broken = npyWithDict("b.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2)", 32);
        assertTrue(assertThrows(InvalidInputException.class, () -> new NpySource(broken)).getMessage()
                .startsWith(broken + ": .npy header is not a Python dict literal: "));
    }

    /** A 128-byte file that declares 2^61 rows, or 2^28 columns, is refused at once with one line. */
    @Test
    void npyHeaderClaimingAHugeShapeIsRefusedWithoutAllocating() throws IOException {
        Path rows = npyWithDict("h.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (2305843009213693952, 2), }", 64);
        assertEquals(rows + ": truncated .npy: shape (2305843009213693952, 2) needs more than 2^63 bytes of data, found 64",
                assertThrows(InvalidInputException.class, () -> new NpySource(rows)).getMessage());
        Path wide = npyWithDict("w.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (0, 268435455), }", 0);
        assertEquals(wide + ": .npy array has 268435455 columns (at least 1, at most 16777216)",
                assertThrows(InvalidInputException.class, () -> new NpySource(wide)).getMessage());
    }

    @Test
    void npyNonFiniteValuesAreReportedByRowAndColumnAndNaNIsAMissingValue() throws IOException {
        Path file = writeNpy(dir.resolve("inf.npy"), new double[][] {{1, 2}, {3, Double.POSITIVE_INFINITY}}, false);
        assertEquals(file + ": row 1, column 1: not a finite number: Infinity",
                assertThrows(InvalidInputException.class, () -> TestData.readAll(new NpySource(file), 10)).getMessage());
        Path nan = writeNpy(dir.resolve("nan.npy"), new double[][] {{1, 2}, {3, Double.NaN}}, false);
        assertTrue(Double.isNaN(TestData.readAll(new NpySource(nan), 10).get(1)[1]), "NumPy's missing value, delivered as read");
        assertEquals(nan + ": row 1, column 1: missing value (NaN), an error as configured (missing = error; impute replaces it with "
                + "its column's mean, ignore leaves it out)", assertThrows(InvalidInputException.class, () -> new MiniBatchKMeans(KMeansConfig.builder(1)
                .missing(MissingValues.ERROR).build()).fit(new NpySource(nan))).getMessage());
    }

    @Test
    void arraySourceChecksShapeValuesAndWeights() {
        assertThrows(InvalidInputException.class, () -> ArraySource.of(new double[][] {{1, 2}, {3}}));
        assertThrows(InvalidInputException.class, () -> ArraySource.of(new double[][] {{Double.NEGATIVE_INFINITY}}));
        assertEquals(1, ArraySource.of(new double[][] {{Double.NaN}}).rows().orElseThrow(), "NaN: a missing value");
        assertEquals("weights[1]: negative weight: -2.0", assertThrows(InvalidInputException.class,
                () -> ArraySource.of(new double[][] {{1}, {2}}, new double[] {1, -2})).getMessage());
        assertThrows(InvalidInputException.class, () -> ArraySource.ofFlat(new double[5], 2, null));
    }
}
