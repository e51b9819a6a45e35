package io.github.minibatchkmeans.io;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.core.spi.LabelCodes;
import io.github.minibatchkmeans.core.spi.SourceFiles;
import io.github.minibatchkmeans.core.spi.Values;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * An svmlight / libsvm text file — what scikit-learn's {@code dump_svmlight_file} and Spark's
 * {@code libsvm} data source write — streamed as sparse rows, never densified. Each line is
 * {@code label [qid:n] index:value ...}, optionally followed by a {@code #} comment; the label —
 * any text, {@code 1,3} in a multilabel file, none when the line starts with a feature — is kept
 * as the label column, {@code qid} is accepted and ignored, values of 0 are not stored.
 * Indices must increase within a line. As scikit-learn's loader, indices are 0-based when any
 * index in the file is 0, else 1-based, unless {@link IndexBase} says; the width is the largest
 * index + 1 unless given (a model's, to label another file). The constructor reads the file once
 * to learn the rows and the width, and checks every line; errors name {@code file:line}.
 */
public final class SvmlightSource implements BatchSource {
    /** The file extensions read as svmlight. */
    public static final List<String> EXTENSIONS = List.of(".svm", ".svmlight", ".libsvm");
    private static final int BUFFER_BYTES = 1 << 20;

    /** How feature indices count. */
    public enum IndexBase {
        /** 0-based if any index in the file is 0, else 1-based (scikit-learn's {@code zero_based="auto"}). */
        AUTO,
        /** The first feature is 0 (scikit-learn's {@code dump_svmlight_file}). */
        ZERO,
        /** The first feature is 1 (libsvm, Spark). */
        ONE
    }

    private final Path file;
    private final SourceFiles.Stamp stamp;
    private final int base;
    private final int features;
    private final long rows;

    /**
     * Reads {@code file} once to check it and learn its rows and width.
     *
     * @param file the file
     * @param indexBase how its indices count
     * @param features the width, or 0 for the file's largest index + 1
     */
    public SvmlightSource(Path file, IndexBase indexBase, int features) {
        this.file = file;
        SourceFiles.checkRereadable(file);
        this.stamp = SourceFiles.Stamp.of(file);
        Scan scan = new Scan();
        try (Lines lines = new Lines(file)) {
            Row row = new Row();
            while (lines.next()) {
                if (row.parse(lines, 0, Long.MAX_VALUE)) { // any width: the largest index is checked once the base is known
                    scan.add(row);
                }
            }
        } catch (IOException e) {
            throw SourceFiles.unreadable(file, e);
        }
        this.base = switch (indexBase) {
            case AUTO -> scan.smallest == 0 ? 0 : 1;
            case ZERO -> 0;
            case ONE -> 1;
        };
        if (scan.smallest < base) {
            throw new InvalidInputException(file + ":" + scan.smallestLine + ": index 0 in a file of 1-based indices");
        }
        if (scan.rows == 0) {
            throw new InvalidInputException(file + ": no rows");
        }
        long width = (long) scan.largest - base + 1;
        if (width > MAX_FEATURES || features > MAX_FEATURES) {
            throw new InvalidInputException(file + ":" + scan.largestLine + ": index " + scan.largest + " makes "
                    + Math.max(width, features) + " features, more than the " + MAX_FEATURES + " a fit can hold");
        }
        if (features > 0 && width > features) {
            throw new InvalidInputException(file + ":" + scan.largestLine + ": index " + scan.largest + " is beyond the "
                    + features + " features");
        }
        this.features = features > 0 ? features : (int) Math.max(1, width);
        this.rows = scan.rows;
    }

    /** What the checking read learns. */
    private static final class Scan {
        long rows;
        int smallest = Integer.MAX_VALUE;
        long smallestLine;
        int largest = -1;
        long largestLine;

        void add(Row row) {
            rows++;
            if (row.count > 0) {
                if (row.indices[0] < smallest) {
                    smallest = row.indices[0];
                    smallestLine = row.line;
                }
                if (row.indices[row.count - 1] > largest) {
                    largest = row.indices[row.count - 1];
                    largestLine = row.line;
                }
            }
        }
    }

    /** The file, 1 MB at a time, a line at a time, as bytes. */
    private static final class Lines implements AutoCloseable {
        private final InputStream in;
        private byte[] buffer = new byte[BUFFER_BYTES];
        private int filled;
        private int next;
        /** The current line: {@code buffer[start, end)}, without its line break. */
        int start;
        int end;
        long number;

        Lines(Path file) {
            this.in = Channels.newInputStream(SourceFiles.openChannelChecked(file));
        }

        /** Moves to the next line; false at the end of the file. */
        boolean next() throws IOException {
            while (true) {
                for (int i = next; i < filled; i++) {
                    if (buffer[i] == '\n') {
                        start = next;
                        end = i > next && buffer[i - 1] == '\r' ? i - 1 : i;
                        next = i + 1;
                        number++;
                        return true;
                    }
                }
                if (!refill()) {
                    if (next == filled) {
                        return false;
                    }
                    start = next; // a last line without a line break
                    end = filled;
                    next = filled;
                    number++;
                    return true;
                }
            }
        }

        /** Moves the unread bytes to the front and reads more (growing the buffer for a very long line); false at the end. */
        private boolean refill() throws IOException {
            int left = filled - next;
            if (left == buffer.length) {
                buffer = Arrays.copyOf(buffer, 2 * buffer.length);
            }
            System.arraycopy(buffer, next, buffer, 0, left);
            filled = left;
            next = 0;
            int read = in.read(buffer, filled, buffer.length - filled);
            if (read <= 0) {
                return false;
            }
            filled += read;
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** One line parsed: its label's place, and its stored values with their indices (as written). */
    private final class Row {
        int[] indices = new int[64];
        double[] values = new double[64];
        int count;
        int labelStart;
        int labelEnd;
        long line;

        /**
         * Parses the current line, indices shifted down by {@code shift} and checked below {@code width};
         * false for a blank or comment line.
         */
        boolean parse(Lines lines, int shift, long width) {
            byte[] b = lines.buffer;
            int end = lines.end;
            for (int i = lines.start; i < end; i++) {
                if (b[i] == '#') {
                    end = i;
                    break;
                }
            }
            line = lines.number;
            count = 0;
            int at = skipSpace(b, lines.start, end);
            if (at == end) {
                return false;
            }
            labelStart = at;
            int first = token(b, at, end);
            boolean feature = false;
            for (int i = at; i < first; i++) {
                feature |= b[i] == ':';
            }
            at = feature ? at : first; // no label, as a multilabel file writes an empty label set
            labelEnd = at;
            int previous = -1;
            while ((at = skipSpace(b, at, end)) < end) {
                int tokenEnd = token(b, at, end);
                int colon = at;
                while (colon < tokenEnd && b[colon] != ':') {
                    colon++;
                }
                if (colon == tokenEnd) {
                    throw error("'" + text(b, at, tokenEnd) + "' is not index:value");
                }
                if (colon - at == 3 && b[at] == 'q' && b[at + 1] == 'i' && b[at + 2] == 'd') {
                    integer(b, colon + 1, tokenEnd, "qid");
                    at = tokenEnd;
                    continue;
                }
                int index = integer(b, at, colon, "index");
                double value = number(b, colon + 1, tokenEnd, index);
                if (index <= previous) {
                    throw error("index " + index + " after " + previous + ": indices must increase within a line");
                }
                previous = index;
                if (index - shift >= width) {
                    throw error("index " + index + " is beyond the " + width + " features");
                }
                if (value != 0) {
                    if (count == indices.length) {
                        indices = Arrays.copyOf(indices, 2 * count);
                        values = Arrays.copyOf(values, 2 * count);
                    }
                    indices[count] = index - shift;
                    values[count++] = value;
                }
                at = tokenEnd;
            }
            return true;
        }

        private int integer(byte[] b, int from, int to, String what) {
            long v = 0;
            if (from == to) {
                throw error("empty " + what);
            }
            for (int i = from; i < to; i++) {
                int digit = b[i] - '0';
                if (digit < 0 || digit > 9 || (v = 10 * v + digit) > Integer.MAX_VALUE) {
                    throw error(what + " '" + text(b, from, to) + "' is not a whole number below 2^31");
                }
            }
            return (int) v;
        }

        private double number(byte[] b, int from, int to, int index) {
            double v;
            try {
                v = JavaDoubleParser.parseDouble(b, from, to - from);
            } catch (NumberFormatException e) {
                throw error("index " + index + ": '" + text(b, from, to) + "' is not a number");
            }
            if (!Values.isUsable(v)) {
                throw Values.rejected(v, file + ":" + line + ": index " + index);
            }
            return v;
        }

        private InvalidInputException error(String what) {
            return new InvalidInputException(file + ":" + line + ": " + what);
        }
    }

    private static int skipSpace(byte[] b, int at, int end) {
        while (at < end && (b[at] == ' ' || b[at] == '\t')) {
            at++;
        }
        return at;
    }

    private static int token(byte[] b, int at, int end) {
        while (at < end && b[at] != ' ' && b[at] != '\t') {
            at++;
        }
        return at;
    }

    private static String text(byte[] b, int from, int to) {
        return SourceFiles.excerpt(new String(b, from, to - from, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int dimensions() {
        return features;
    }

    @Override
    public String name() {
        return file.toString();
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
        return Rereading.PARSES;
    }

    /**
     * Whether its indices count from 0, as read from the file or as said.
     *
     * @return true for 0-based indices, false for 1-based ones
     */
    public boolean zeroBased() {
        return base == 0;
    }

    /**
     * The label of every row, in order, as small integers — {@code names} receives each distinct
     * label at its code. One more read of the file.
     *
     * @param names receives the distinct labels
     * @return one code per row
     * @throws IOException when the file cannot be read
     */
    public int[] labels(List<String> names) throws IOException {
        LabelCodes codes = new LabelCodes(names);
        try (Lines lines = new Lines(file)) {
            Row row = new Row();
            while (lines.next()) {
                if (row.parse(lines, base, features)) {
                    codes.add(new String(lines.buffer, row.labelStart, row.labelEnd - row.labelStart,
                            java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        return codes.labels();
    }

    @Override
    public BatchReader open() throws IOException {
        stamp.verify(file, "before a pass");
        Lines lines = new Lines(file);
        return new BatchReader() {
            private final Row row = new Row();
            /** A parsed row not delivered yet: it did not fit the caller's arrays. */
            private boolean pending;

            /** Parses the next row into {@code row}; false at the end. */
            private boolean nextRow() throws IOException {
                if (pending) {
                    pending = false;
                    return true;
                }
                while (lines.next()) {
                    if (row.parse(lines, base, features)) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public int read(double[] data, double[] weights, int maxRows) throws IOException {
                int n = 0;
                while (n < maxRows && nextRow()) {
                    Arrays.fill(data, n * features, (n + 1) * features, 0);
                    for (int e = 0; e < row.count; e++) {
                        data[n * features + row.indices[e]] = row.values[e];
                    }
                    weights[n++] = 1;
                }
                return n;
            }

            @Override
            public int readSparse(int[] rowEnds, int[] indices, double[] values, double[] weights, int maxRows)
                    throws IOException {
                int n = 0;
                int filled = 0;
                while (n < maxRows && nextRow()) {
                    if (filled + row.count > values.length) {
                        pending = true;
                        break;
                    }
                    System.arraycopy(row.indices, 0, indices, filled, row.count);
                    System.arraycopy(row.values, 0, values, filled, row.count);
                    filled += row.count;
                    rowEnds[n] = filled;
                    weights[n++] = 1;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                lines.close();
                stamp.verify(file, "after a pass");
            }
        };
    }
}
