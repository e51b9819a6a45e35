package io.github.minibatchkmeans.io;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.RecordType;
import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.core.spi.LabelCodes;
import io.github.minibatchkmeans.core.spi.SourceFiles;
import io.github.minibatchkmeans.core.spi.Values;
import io.github.minibatchkmeans.core.spi.Weights;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CSV or TSV file streamed record by record on every pass (FastCSV for the syntax,
 * FastDoubleParser for the numbers, parsed straight from FastCSV's buffer).
 *
 * <p>The header is auto-detected (the first record is a header if any field is not a number)
 * unless {@link CsvOptions#header()} forces it. Columns and the weight column are selected by
 * header name or 0-based index. Errors name {@code file:line:column} (both 1-based).
 */
public final class CsvSource implements BatchSource {
    private final Path file;
    /** The one-shot stream instead of a file (standard input), marked at its start. */
    private final InputStream stream;
    private boolean streamOpened;
    private final String name;
    private final CsvOptions options;
    private final boolean hasHeader;
    private final int fieldCount;
    /** For each field of a record: the feature slot, {@link #WEIGHT}, or {@link #SKIP}. */
    private final int[] slotOfField;
    private final List<String> featureNames;
    /** The field of the label column, or −1. */
    private final int labelField;
    private Boolean quoted;
    /** The file's size and time when first read: compared at the start and end of every pass. */
    private final SourceFiles.Stamp stamp;
    private final AtomicInteger passes = new AtomicInteger();

    /** Spellings of NaN and infinity that other tools write (numpy, pandas, R) and Java does not parse. */
    private static final java.util.regex.Pattern NON_FINITE =
            java.util.regex.Pattern.compile("\\s*[+-]?(nan|inf|infinity)\\s*", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** Files this large are parsed in byte ranges on all processors. */
    private static final long PARALLEL_FROM_BYTES = 8L << 20;
    /** Bytes per range parsed by one thread. */
    private static final int RANGE_BYTES = 4 << 20;
    private static final int PARSERS = Runtime.getRuntime().availableProcessors();
    /** The threads that parse ranges: daemons, made on demand. */
    private static final ExecutorService PARSING = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "minibatch-kmeans-csv");
        thread.setDaemon(true);
        return thread;
    });

    private static final int SKIP = -1;
    private static final int WEIGHT = -2;

    public CsvSource(Path file, CsvOptions options) {
        this(file, null, file.toString(), options);
    }

    /**
     * A source over a stream that can be read once — standard input, say ({@link Rereading#ONCE}:
     * the estimator learns in one pass). The first line is looked at, for the header, and read again.
     */
    public static CsvSource ofStream(InputStream in, String name, CsvOptions options) {
        return new CsvSource(null, new java.io.BufferedInputStream(in, 1 << 16), name, options);
    }

    private CsvSource(Path file, InputStream stream, String name, CsvOptions options) {
        this.file = file;
        this.stream = stream;
        this.name = name;
        this.options = options;
        this.stamp = file == null ? null : SourceFiles.Stamp.of(file);
        List<String> first = firstRecord();
        this.fieldCount = first.size();
        this.hasHeader = switch (options.header()) {
            case PRESENT -> true;
            case ABSENT -> false;
            case AUTO -> looksLikeHeader(first, options.labelColumn());
        };
        List<String> names = hasHeader ? first : null;
        this.slotOfField = new int[fieldCount];
        Arrays.fill(slotOfField, SKIP);
        int weightField = options.weightColumn() == null ? -1 : resolve(options.weightColumn(), names, "weight column");
        this.labelField = options.labelColumn() == null ? -1 : resolve(options.labelColumn(), names, "label column");
        if (labelField >= 0 && labelField == weightField) {
            throw new InvalidInputException(name + ": column '" + options.labelColumn() + "' cannot be both the weight and the label");
        }
        List<Integer> features = new ArrayList<>();
        if (options.columns().isEmpty()) {
            for (int f = 0; f < fieldCount; f++) {
                if (f != weightField && f != labelField) {
                    features.add(f);
                }
            }
        } else {
            for (String spec : options.columns()) {
                int f = resolve(spec, names, "column");
                if (f == weightField || f == labelField || features.contains(f)) {
                    throw new InvalidInputException(name + ": column '" + spec + "' is selected twice");
                }
                features.add(f);
            }
        }
        if (features.isEmpty()) {
            throw new InvalidInputException(name + ": no feature columns selected");
        }
        List<String> featureNames = new ArrayList<>();
        for (int slot = 0; slot < features.size(); slot++) {
            int f = features.get(slot);
            slotOfField[f] = slot;
            featureNames.add(names == null ? "x" + f : names.get(f));
        }
        if (weightField >= 0) {
            slotOfField[weightField] = WEIGHT;
        }
        this.featureNames = List.copyOf(featureNames);
    }

    public CsvSource(Path file) {
        this(file, CsvOptions.forFile(file));
    }

    /** Feature names from the header, or {@code x0, x1, …} by field index without one. */
    public List<String> featureNames() {
        return featureNames;
    }

    public boolean hasHeader() {
        return hasHeader;
    }

    @Override
    public int dimensions() {
        return featureNames.size();
    }

    /** Every pass parses the text again: the estimator keeps what the first pass parsed. A stream is read once. */
    @Override
    public Rereading rereading() {
        return stream != null ? Rereading.ONCE : Rereading.PARSES;
    }

    /** True if the rows carry a label column. */
    public boolean hasLabels() {
        return labelField >= 0;
    }

    /**
     * The label column, one value per data row in order, as small integers — {@code names} receives
     * each distinct value at its code. One more read of the file (not possible for a stream).
     */
    public int[] labels(List<String> names) throws IOException {
        if (labelField < 0) {
            throw new IllegalStateException(name + ": no label column");
        }
        if (stream != null) {
            throw new InvalidInputException(name + ": the label column needs a second read, and a stream can be read once");
        }
        LabelCodes codes = new LabelCodes(names);
        try (CsvReader<CsvRecord> reader = builder().ofCsvRecord(file)) {
            boolean skip = hasHeader;
            for (CsvRecord record : reader) {
                if (skip) {
                    skip = false;
                    continue;
                }
                codes.add(labelField < record.getFieldCount() ? record.getField(labelField) : "");
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return codes.labels();
    }

    /** Whether the file has a quote character anywhere: then a newline may sit inside a field, and only one thread can parse it. */
    private boolean quoted() throws IOException {
        if (quoted == null) {
            byte quote = (byte) '"';
            boolean found = false;
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int n = in.read(buffer); n > 0 && !found; n = in.read(buffer)) {
                    for (int i = 0; i < n && !found; i++) {
                        found = buffer[i] == quote;
                    }
                }
            }
            quoted = found;
        }
        return quoted;
    }

    @Override
    public String name() {
        return name;
    }

    private CsvReader.CsvReaderBuilder builder() {
        return CsvReader.builder().fieldSeparator(options.separator()).detectBomHeader(true)
                .allowExtraFields(true).allowMissingFields(true).skipEmptyLines(true);
    }

    private List<String> firstRecord() {
        if (stream != null) {
            return firstRecordOfStream();
        }
        SourceFiles.checkReadable(file);
        try (CsvReader<CsvRecord> reader = builder().ofCsvRecord(file)) {
            CloseableIterator<CsvRecord> it = reader.iterator();
            if (!it.hasNext()) {
                throw new InvalidInputException(name + ": empty input (no rows)");
            }
            return it.next().getFields();
        } catch (IOException | UncheckedIOException e) {
            throw SourceFiles.unreadable(file, e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
        } catch (CsvParseException e) {
            throw new InvalidInputException(name + ":1: " + e.getCause().getMessage());
        }
    }

    /** The stream's first line, looked at and then given back to the stream. */
    private List<String> firstRecordOfStream() {
        try {
            stream.mark(1 << 20);
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            for (int b = stream.read(); b != -1 && b != '\n' && line.size() < (1 << 20) - 1; b = stream.read()) {
                line.write(b);
            }
            stream.reset();
            String text = line.toString(StandardCharsets.UTF_8);
            if (text.isBlank()) {
                throw new InvalidInputException(name + ": empty input (no rows)");
            }
            try (CsvReader<CsvRecord> reader = builder().ofCsvRecord(text)) {
                return reader.iterator().next().getFields();
            }
        } catch (IOException e) {
            throw new InvalidInputException(name + ": cannot read: " + e.getMessage(), e);
        } catch (CsvParseException e) {
            throw new InvalidInputException(name + ":1: " + e.getCause().getMessage());
        }
    }

    private int resolve(String spec, List<String> names, String what) {
        if (names != null) {
            int i = names.indexOf(spec);
            if (i >= 0) {
                return i;
            }
        }
        try {
            int index = Integer.parseInt(spec.trim());
            if (index < 0 || index >= fieldCount) {
                throw new InvalidInputException(name + ": " + what + " index " + index + " is out of range (the file has "
                        + fieldCount + " columns, numbered from 0)");
            }
            return index;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name + ": " + what + " '" + spec + "' not found"
                    + (names == null ? " (the file has no header; use 0-based indices)" : " in header "
                    + (names.size() <= 20 ? names.toString() : names.subList(0, 20) + " and " + (names.size() - 20) + " more")));
        }
    }

    /**
     * A first record is a header if it names the label column, or if none of its fields is a number
     * (the label column's values, class names, need not be numbers). One that mixes numbers and text
     * is refused: a typo in the first data row must not silently become a header.
     */
    private boolean looksLikeHeader(List<String> first, String labelColumn) {
        if (labelColumn != null && first.contains(labelColumn)) {
            return true;
        }
        int labelIndex = -1;
        if (labelColumn != null) {
            try {
                labelIndex = Integer.parseInt(labelColumn.trim());
            } catch (NumberFormatException e) {
                labelIndex = -1;
            }
        }
        int text = -1;
        int numbers = 0;
        for (int f = 0; f < first.size(); f++) {
            if (f == labelIndex) {
                continue;
            }
            if (isNumber(first.get(f))) {
                numbers++;
            } else if (text < 0) {
                text = f;
            }
        }
        if (text >= 0 && numbers > 0) { // a header names every column; data has numbers: a typo, or a header with numbers
            throw new InvalidInputException(name + ":1:" + (text + 1) + ": the first line mixes numbers and text ('"
                    + SourceFiles.excerpt(first.get(text)) + "'): fix the value if it is data, or say --header if it is a header");
        }
        return text >= 0;
    }

    private static boolean isNumber(String s) {
        try {
            JavaDoubleParser.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public BatchReader open() throws IOException {
        if (stream != null) {
            if (streamOpened) {
                throw new IOException(name + ": a stream can be read only once");
            }
            streamOpened = true;
            return new Reader(builder().build(new RowHandler(0, hasHeader), new InputStreamReader(stream, StandardCharsets.UTF_8)),
                    () -> { });
        }
        SourceFiles.checkReadable(file);
        int pass = passes.incrementAndGet();
        stamp.verify(file, "at the start of pass " + pass);
        Runnable atEnd = () -> stamp.verify(file, "at the end of pass " + pass);
        try {
            if (Files.size(file) >= PARALLEL_FROM_BYTES && PARSERS > 1 && !quoted()) {
                return new ParallelReader(atEnd);
            }
            return new Reader(builder().build(new RowHandler(0, hasHeader), file), atEnd);
        } catch (IOException e) {
            throw SourceFiles.unreadable(file, e);
        }
    }

    /** Parses the selected fields of one record straight from FastCSV's buffer into a row. */
    private final class RowHandler extends AbstractBaseCsvCallbackHandler<RowHandler> {
        final double[] row = new double[dimensions()];
        double weight;
        long line;
        /** Lines of the file before the text this handler parses. */
        private final long lineOffset;
        /** The header record is consumed by returning null from {@link #buildRecord()}. */
        private boolean headerPending;

        RowHandler(long lineOffset, boolean header) {
            this.lineOffset = lineOffset;
            this.headerPending = header;
        }

        @Override
        protected void handleBegin(long startingLineNumber) {
            line = lineOffset + startingLineNumber;
            weight = 1.0;
        }

        @Override
        protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
            if (headerPending || fieldIdx >= fieldCount) {
                return; // reported as a ragged row once the record is complete
            }
            int slot = slotOfField[fieldIdx];
            if (slot == SKIP) {
                return;
            }
            double value;
            try {
                value = JavaDoubleParser.parseDouble(buf, offset, len);
            } catch (NumberFormatException e) {
                String text = new String(buf, offset, len);
                throw new InvalidInputException(where(fieldIdx) + (NON_FINITE.matcher(text).matches()
                        ? ": not a finite number: '" : ": not a number: '") + SourceFiles.excerpt(text) + "'");
            }
            if (slot == WEIGHT) {
                if (!Weights.isValid(value)) {
                    throw Weights.rejected(value, where(fieldIdx));
                }
                weight = value;
            } else if (!Double.isFinite(value)) {
                throw new InvalidInputException(where(fieldIdx) + ": not a finite number: '" + new String(buf, offset, len) + "'");
            } else if (!Values.isUsable(value)) {
                throw Values.rejected(value, where(fieldIdx));
            } else {
                row[slot] = value;
            }
        }

        private String where(int fieldIdx) {
            return name + ":" + line + ":" + (fieldIdx + 1);
        }

        @Override
        protected RowHandler buildRecord() {
            if (getRecordType() != RecordType.DATA) {
                return this; // empty lines: FastCSV drops them after this call
            }
            if (headerPending) {
                headerPending = false;
                return null;
            }
            if (getFieldCount() != fieldCount) {
                throw new InvalidInputException(name + ":" + line + ": expected " + fieldCount + " fields, found " + getFieldCount());
            }
            return this;
        }
    }

    /** Reads the file front to back on one thread. */
    private final class Reader implements BatchReader {
        private final CsvReader<RowHandler> csv;
        private final CloseableIterator<RowHandler> records;
        private final Runnable atEnd;

        Reader(CsvReader<RowHandler> csv, Runnable atEnd) {
            this.csv = csv;
            this.records = csv.iterator();
            this.atEnd = atEnd;
        }

        @Override
        public int read(double[] data, double[] weights, int maxRows) throws IOException {
            int d = dimensions();
            int n = 0;
            try {
                while (n < maxRows && records.hasNext()) {
                    RowHandler record = records.next();
                    System.arraycopy(record.row, 0, data, n * d, d);
                    weights[n] = record.weight;
                    n++;
                }
            } catch (CsvParseException e) {
                if (e.getCause() instanceof InvalidInputException bad) {
                    throw bad;
                }
                throw new InvalidInputException(name + ": " + e.getMessage() + ": " + e.getCause().getMessage(), e);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            if (n == 0) {
                atEnd.run();
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            csv.close();
        }
    }

    /** One byte range of the file, parsed: its rows, its lines, and the error that ended it, if any. */
    private record Parsed(double[] data, double[] weights, int rows, long lines, InvalidInputException error) {
    }

    /**
     * Reads the file in byte ranges cut at line ends, each parsed by its own FastCSV reader on a
     * thread of its own, handed out in file order: parsing, which dominates reading text, uses every
     * processor. Only for files without quote characters, where every newline ends a record.
     */
    private final class ParallelReader implements BatchReader {
        private final FileChannel channel;
        private final long size;
        private final ArrayDeque<Future<Parsed>> ahead = new ArrayDeque<>();
        private long nextStart;
        private long linesBefore;
        private Parsed current;
        private int position;
        private final Runnable atEnd;

        ParallelReader(Runnable atEnd) throws IOException {
            this.atEnd = atEnd;
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
            this.size = channel.size();
            fillAhead();
        }

        private void fillAhead() throws IOException {
            while (ahead.size() < 2 * PARSERS && nextStart < size) {
                long start = nextStart;
                long end = lineEndAfter(Math.min(size, start + RANGE_BYTES));
                nextStart = end;
                ahead.add(PARSING.submit(() -> parse(start, end)));
            }
        }

        /** The position just past the first newline at or after {@code from}, or the end of the file. */
        private long lineEndAfter(long from) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 12);
            long at = from;
            while (at < size) {
                buffer.clear();
                int n = channel.read(buffer, at);
                if (n <= 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    if (buffer.get(i) == '\n') {
                        return at + i + 1;
                    }
                }
                at += n;
            }
            return size;
        }

        private Parsed parse(long start, long end) throws IOException {
            byte[] bytes = new byte[(int) (end - start)];
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, start + buffer.position()) < 0) {
                    throw new IOException(file + ": the file shrank while being read");
                }
            }
            int from = start == 0 && bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB
                    && bytes[2] == (byte) 0xBF ? 3 : 0; // a UTF-8 byte order mark
            long lines = 0;
            for (byte b : bytes) {
                lines += b == '\n' ? 1 : 0;
            }
            int d = dimensions();
            int guess = Math.max(16, bytes.length / (8 * d + 8)); // rows, if each value took about 8 characters
            double[] data = new double[guess * d];
            double[] weights = new double[guess];
            int rows = 0;
            RowHandler handler = new RowHandler(0, start == 0 && hasHeader);
            InvalidInputException error = null;
            try (CsvReader<RowHandler> csv = builder().detectBomHeader(false).build(handler,
                    new InputStreamReader(new ByteArrayInputStream(bytes, from, bytes.length - from), StandardCharsets.UTF_8))) {
                for (RowHandler record : csv) {
                    if (rows == weights.length) {
                        weights = java.util.Arrays.copyOf(weights, 2 * rows);
                        data = java.util.Arrays.copyOf(data, 2 * rows * d);
                    }
                    System.arraycopy(record.row, 0, data, rows * d, d);
                    weights[rows++] = record.weight;
                }
            } catch (CsvParseException e) {
                error = e.getCause() instanceof InvalidInputException bad ? bad
                        : new InvalidInputException(name + ": " + e.getMessage() + ": " + e.getCause().getMessage(), e);
            }
            return new Parsed(data, weights, rows, lines, error);
        }

        @Override
        public int read(double[] data, double[] weights, int maxRows) throws IOException {
            int d = dimensions();
            int n = 0;
            while (n < maxRows) {
                if (current == null || position == current.rows()) {
                    if (current != null && current.error() != null) {
                        throw relocated(current.error());
                    }
                    if (current != null) {
                        linesBefore += current.lines();
                    }
                    fillAhead();
                    if (ahead.isEmpty()) {
                        current = null;
                        if (n == 0) {
                            atEnd.run();
                        }
                        break;
                    }
                    current = await(ahead.poll());
                    position = 0;
                    continue;
                }
                int take = Math.min(maxRows - n, current.rows() - position);
                System.arraycopy(current.data(), position * d, data, n * d, take * d);
                System.arraycopy(current.weights(), position, weights, n, take);
                position += take;
                n += take;
            }
            return n;
        }

        /** A range's error with its line numbered in the whole file: "file:line[:column]: problem". */
        private InvalidInputException relocated(InvalidInputException error) {
            String message = error.getMessage();
            String prefix = name + ":";
            if (!message.startsWith(prefix)) {
                return error;
            }
            int end = message.indexOf(':', prefix.length());
            try {
                long line = Long.parseLong(message.substring(prefix.length(), end));
                return new InvalidInputException(prefix + (linesBefore + line) + message.substring(end), error);
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                return error;
            }
        }

        private Parsed await(Future<Parsed> future) throws IOException {
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IOException(e.getCause());
            }
        }

        @Override
        public void close() throws IOException {
            for (Future<Parsed> pending : ahead) {
                pending.cancel(false);
            }
            channel.close();
        }
    }
}
