package io.github.minibatchkmeans.core;

import io.github.minibatchkmeans.core.internal.source.NpyHeader;
import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.core.spi.SourceFiles;
import io.github.minibatchkmeans.core.spi.Values;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A sparse matrix saved by scipy's {@code scipy.sparse.save_npz} — how TF-IDF from scikit-learn
 * leaves Python — read as sparse rows, never densified. The file is a zip of {@code .npy} arrays
 * ({@code data}, {@code indices}, {@code indptr}, {@code shape}, {@code format}), compressed or not.
 * A CSR matrix is streamed on every pass (its row pointers are held, 8 bytes a row); a CSC matrix
 * is turned into rows in memory once, here (refused, naming {@code X.tocsr()}, when that would not
 * fit half the heap). Values may be float64, float32 or integer (counts); indices must increase
 * within a row ({@code X.sort_indices()}, {@code X.sum_duplicates()} make them so). Errors name
 * the row and the index.
 */
public final class NpzSource implements BatchSource {
    private final Path file;
    private final String name;
    private final SourceFiles.Stamp stamp;
    private final int dims;
    private final long rows;
    /** CSR: where each row's values start in {@code data.npy}, {@code rows + 1} of them. */
    private final long[] rowPointers;
    /** CSC: the rows, turned into CSR in memory; null for a CSR file. */
    private final SparseArraySource transposed;

    /**
     * Reads the matrix's shape, format and row pointers (a CSC matrix: all of it), and checks them.
     *
     * @param file an {@code .npz} file written by {@code scipy.sparse.save_npz}
     * @throws InvalidInputException when the file cannot be read or is not such a matrix
     */
    public NpzSource(Path file) {
        this.file = file;
        this.name = file.toString();
        SourceFiles.checkRereadable(file);
        this.stamp = SourceFiles.Stamp.of(file);
        try (ZipFile zip = open(file)) {
            long[] shape = integers(zip, "shape", 2, 2);
            if (shape[0] < 1 || shape[1] < 1) {
                throw new InvalidInputException(name + ": a matrix of shape (" + shape[0] + ", " + shape[1] + ") has no rows to cluster");
            }
            if (shape[1] > MAX_FEATURES) {
                throw new InvalidInputException(name + ": " + shape[1] + " features, more than the " + MAX_FEATURES + " a fit can hold");
            }
            this.rows = shape[0];
            this.dims = (int) shape[1];
            String format = format(zip);
            switch (format) {
                case "csr" -> {
                    this.rowPointers = integers(zip, "indptr", rows + 1, rows + 1);
                    checkPointers(rowPointers, "row");
                    long values = length(zip, "data");
                    if (length(zip, "indices") != values || rowPointers[(int) rows] != values) {
                        throw new InvalidInputException(name + ": indptr ends at " + rowPointers[(int) rows] + " but data has "
                                + values + " values and indices " + length(zip, "indices"));
                    }
                    this.transposed = null;
                }
                case "csc" -> {
                    this.rowPointers = null;
                    this.transposed = transpose(zip);
                }
                default -> throw new InvalidInputException(name + ": a " + format + " matrix; save a CSR (or CSC) matrix: "
                        + "scipy.sparse.save_npz(file, X.tocsr())");
            }
        } catch (IOException e) {
            throw SourceFiles.unreadable(file, e);
        }
    }

    private static ZipFile open(Path file) throws IOException {
        try {
            return new ZipFile(file.toFile());
        } catch (java.util.zip.ZipException e) {
            throw new InvalidInputException(file + ": not an .npz file (" + e.getMessage() + ")", e);
        }
    }

    private InputStream array(ZipFile zip, String array) throws IOException {
        ZipEntry entry = zip.getEntry(array + ".npy");
        if (entry == null) {
            throw new InvalidInputException(name + ": no " + array + ".npy in the file: not a scipy.sparse.save_npz matrix");
        }
        return zip.getInputStream(entry);
    }

    /** The number of values of an array. */
    private long length(ZipFile zip, String array) throws IOException {
        try (InputStream in = array(zip, array)) {
            return NpyHeader.readArray(in, name + ": " + array + ".npy").size();
        }
    }

    private String format(ZipFile zip) throws IOException {
        try (InputStream in = array(zip, "format")) {
            NpyHeader.Array header = NpyHeader.readArray(in, name + ": format.npy");
            if (!header.descr().startsWith("|S") || header.shape().length != 0) {
                throw new InvalidInputException(name + ": format.npy is not a byte string");
            }
            return new String(in.readNBytes(Integer.parseInt(header.descr().substring(2))), StandardCharsets.US_ASCII).trim();
        }
    }

    /** An integer array of {@code min ..= max} values, whole. */
    private long[] integers(ZipFile zip, String array, long min, long max) throws IOException {
        try (InputStream in = array(zip, array)) {
            NpyArray values = new NpyArray(in, name + ": " + array + ".npy");
            if (values.size < min || values.size > max || values.size > Integer.MAX_VALUE - 8) {
                throw new InvalidInputException(values.where + ": " + values.size + " values, expected " + (min == max ? min
                        : min + " to " + max));
            }
            long[] out = new long[(int) values.size];
            values.longs(out, out.length);
            return out;
        }
    }

    private void checkPointers(long[] pointers, String what) {
        if (pointers[0] != 0) {
            throw new InvalidInputException(name + ": indptr starts at " + pointers[0] + ", not 0");
        }
        for (int i = 1; i < pointers.length; i++) {
            if (pointers[i] < pointers[i - 1]) {
                throw new InvalidInputException(name + ": " + what + " " + (i - 1) + ": indptr goes down, from " + pointers[i - 1]
                        + " to " + pointers[i]);
            }
        }
    }

    /** A CSC matrix's columns turned into rows: a counting sort of its values by row, in memory. */
    private SparseArraySource transpose(ZipFile zip) throws IOException {
        long[] columnPointers = integers(zip, "indptr", dims + 1L, dims + 1L);
        checkPointers(columnPointers, "column");
        long count = columnPointers[dims];
        if (rows > Integer.MAX_VALUE - 8 || count > Integer.MAX_VALUE - 8
                || 2 * 12 * count + 8 * rows > Runtime.getRuntime().maxMemory() / 2) {
            throw new InvalidInputException(name + ": a CSC matrix of " + count + " values is turned into rows in memory, and "
                    + "that would not fit half the heap: save the CSR form, scipy.sparse.save_npz(file, X.tocsr()), which is streamed");
        }
        int n = (int) count;
        int[] rowOf = new int[n];
        double[] values = new double[n];
        try (InputStream indices = array(zip, "indices"); InputStream data = array(zip, "data")) {
            NpyArray rowIndices = new NpyArray(indices, name + ": indices.npy");
            NpyArray dataValues = new NpyArray(data, name + ": data.npy");
            long[] buffer = new long[n];
            rowIndices.longs(buffer, n);
            for (int e = 0; e < n; e++) {
                if (buffer[e] < 0 || buffer[e] >= rows) {
                    throw new InvalidInputException(name + ": row index " + buffer[e] + " is outside the " + rows + " rows");
                }
                rowOf[e] = (int) buffer[e];
            }
            dataValues.doubles(values, 0, n);
        }
        int[] pointers = new int[(int) rows + 1];
        for (int r : rowOf) {
            pointers[r + 1]++;
        }
        for (int r = 0; r < rows; r++) {
            pointers[r + 1] += pointers[r];
        }
        int[] next = java.util.Arrays.copyOf(pointers, (int) rows);
        int[] columns = new int[n];
        double[] rowValues = new double[n];
        for (int c = 0; c < dims; c++) { // columns in order: each row's indices come out increasing
            for (long e = columnPointers[c]; e < columnPointers[c + 1]; e++) {
                int at = next[rowOf[(int) e]]++;
                columns[at] = c;
                rowValues[at] = values[(int) e];
            }
        }
        try {
            return SparseArraySource.ofCsr(dims, pointers, columns, rowValues, null);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int dimensions() {
        return dims;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public OptionalLong rows() {
        return OptionalLong.of(rows);
    }

    @Override
    public boolean sparse() {
        return true;
    }

    @Override
    public Rereading rereading() {
        return transposed != null ? Rereading.CHEAP : Rereading.DECODES;
    }

    @Override
    public BatchReader open() throws IOException {
        if (transposed != null) {
            return transposed.open();
        }
        stamp.verify(file, "before a pass");
        ZipFile zip = open(file);
        try {
            return new RowReader(zip, new NpyArray(array(zip, "indices"), name + ": indices.npy"),
                    new NpyArray(array(zip, "data"), name + ": data.npy"));
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    /** A pass over a CSR file: its indices and data streamed side by side, a row's worth at a time. */
    private final class RowReader implements BatchReader {
        private final ZipFile zip;
        private final NpyArray indices;
        private final NpyArray data;
        private long[] rowIndices = new long[64];
        private int next;

        RowReader(ZipFile zip, NpyArray indices, NpyArray data) {
            this.zip = zip;
            this.indices = indices;
            this.data = data;
        }

        /** The values of row {@code next}, checked, into {@code columns[at ..]} and {@code values[at ..]}. */
        private void readRow(int[] columns, double[] values, int at, int count) throws IOException {
            if (rowIndices.length < count) {
                rowIndices = new long[Math.max(count, 2 * rowIndices.length)];
            }
            indices.longs(rowIndices, count);
            data.doubles(values, at, count);
            for (int e = 0; e < count; e++) {
                long j = rowIndices[e];
                if (j < 0 || j >= dims) {
                    throw new InvalidInputException(name + ": row " + next + ", index " + j + ": outside the " + dims + " features");
                }
                if (e > 0 && j <= rowIndices[e - 1]) {
                    throw new InvalidInputException(name + ": row " + next + ", index " + j + ": indices must increase within a row "
                            + "(after " + rowIndices[e - 1] + "); X.sort_indices() and X.sum_duplicates() make them so");
                }
                if (!Values.isUsable(values[at + e])) {
                    throw Values.rejected(values[at + e], name + ": row " + next + ", index " + j);
                }
                columns[at + e] = (int) j;
            }
        }

        private int count() {
            return (int) (rowPointers[next + 1] - rowPointers[next]);
        }

        @Override
        public int readSparse(int[] rowEnds, int[] columns, double[] values, double[] weights, int maxRows) throws IOException {
            if (next < rows && count() > values.length) { // more values than features: read it to name what is wrong
                readRow(new int[count()], new double[count()], 0, count());
            }
            int n = 0;
            int filled = 0;
            while (n < maxRows && next < rows && filled + count() <= values.length) {
                int count = count();
                readRow(columns, values, filled, count);
                filled += count;
                rowEnds[n] = filled;
                weights[n++] = 1;
                next++;
            }
            return n;
        }

        @Override
        public int read(double[] out, double[] weights, int maxRows) throws IOException {
            int n = 0;
            int[] columns = new int[0];
            double[] values = new double[0];
            while (n < maxRows && next < rows) {
                int count = count();
                if (columns.length < count) {
                    columns = new int[count];
                    values = new double[count];
                }
                readRow(columns, values, 0, count);
                java.util.Arrays.fill(out, n * dims, (n + 1) * dims, 0);
                for (int e = 0; e < count; e++) {
                    out[n * dims + columns[e]] = values[e];
                }
                weights[n++] = 1;
                next++;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            zip.close();
            stamp.verify(file, "after a pass");
        }
    }

    /** A 1-D integer or floating-point {@code .npy} array read in order from a stream, a buffer at a time. */
    private static final class NpyArray {
        private final InputStream in;
        private final String where;
        private final long size;
        private final int itemSize;
        private final boolean floating;
        private final byte[] bytes = new byte[1 << 16];
        private final ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);

        NpyArray(InputStream in, String where) throws IOException {
            this.in = in;
            this.where = where;
            NpyHeader.Array header = NpyHeader.readArray(in, where);
            if (header.shape().length != 1) {
                throw new InvalidInputException(where + ": a 1-D array expected, found shape " + java.util.Arrays.toString(header.shape()));
            }
            this.size = header.size();
            switch (header.descr()) {
                case "<f8", "=f8" -> { itemSize = 8; floating = true; }
                case "<f4", "=f4" -> { itemSize = 4; floating = true; }
                case "<i8", "=i8", "<u8" -> { itemSize = 8; floating = false; }
                case "<i4", "=i4", "<u4" -> { itemSize = 4; floating = false; }
                default -> throw new InvalidInputException(where + ": unsupported dtype '" + header.descr()
                        + "' (little-endian integers or floats of 4 or 8 bytes)");
            }
            buffer.limit(0);
        }

        /** Makes at least one value available; throws at the end of the data. */
        private void fill() throws IOException {
            buffer.compact();
            int read = in.readNBytes(bytes, buffer.position(), bytes.length - buffer.position());
            buffer.limit(buffer.position() + read);
            buffer.position(0);
            if (buffer.remaining() < itemSize) {
                throw new InvalidInputException(where + ": truncated (fewer values than its shape says)");
            }
        }

        void longs(long[] out, int count) throws IOException {
            for (int i = 0; i < count; i++) {
                if (buffer.remaining() < itemSize) {
                    fill();
                }
                out[i] = floating ? (long) (itemSize == 8 ? buffer.getDouble() : buffer.getFloat())
                        : itemSize == 8 ? buffer.getLong() : buffer.getInt();
            }
        }

        void doubles(double[] out, int at, int count) throws IOException {
            for (int i = at; i < at + count; i++) {
                if (buffer.remaining() < itemSize) {
                    fill();
                }
                out[i] = floating ? itemSize == 8 ? buffer.getDouble() : buffer.getFloat()
                        : itemSize == 8 ? (double) buffer.getLong() : buffer.getInt();
            }
        }
    }
}
