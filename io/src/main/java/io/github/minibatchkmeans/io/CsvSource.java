package io.github.minibatchkmeans.io;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.core.spi.LabelCodes;
import io.github.minibatchkmeans.core.spi.ReadThreads;
import io.github.minibatchkmeans.core.spi.SourceFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CSV or TSV file streamed record by record on every pass (FastCSV for the syntax,
 * FastDoubleParser for the numbers, parsed straight from FastCSV's buffer).
 *
 * <p>The header is auto-detected (the first record is a header if any field is not a number)
 * unless {@link CsvOptions#header()} forces it. Columns and the weight column are selected by
 * header name or 0-based index ({@link CsvLayout}). Errors name {@code file:line:column} (both
 * 1-based; {@link CsvRowParser}). A pass reads front to back ({@link SerialCsvReader}), or, for a
 * large file without quotes, in byte ranges parsed on the threads the fit lends
 * ({@link ParallelCsvReader}).
 */
public final class CsvSource implements BatchSource {
    /** Files this large are parsed in byte ranges on the threads a pass lends. */
    private static final long PARALLEL_FROM_BYTES = 8L << 20;

    private final Path file;
    /** The one-shot stream instead of a file (standard input), marked at its start. */
    private final InputStream stream;
    private boolean streamOpened;
    private final CsvLayout layout;
    /** Whether the values are delivered as float32 too. */
    private final boolean float32;
    private Boolean quoted;
    /** The file's size and time when first read: compared at the start and end of every pass. */
    private final SourceFiles.Stamp stamp;
    private final AtomicInteger passes = new AtomicInteger();

    /**
     * A source reading {@code file} as {@code options} say; the first line is read here (the header, the columns).
     *
     * @param file the file
     * @param options how to read it
     */
    public CsvSource(Path file, CsvOptions options) {
        this(file, options, null);
    }

    /**
     * A source reading {@code file} as {@code options} say, missing feature values replaced by
     * {@code fills} when options impute them (null: delivered as NaN, for the estimator to fill in
     * from its statistics pass, as {@code missing = impute} has it).
     *
     * @param file    the file
     * @param options how to read it
     * @param fills   one value per feature column, or null
     */
    public CsvSource(Path file, CsvOptions options, double[] fills) {
        this.file = file;
        this.stream = null;
        this.stamp = SourceFiles.Stamp.of(file);
        CsvLayout first = CsvLayout.ofFile(file, file.toString(), options);
        this.layout = first.lacksCategories() ? CsvLayout.ofFile(file, file.toString(), options.withCategorical(
                withValues(options.categorical(), learnCategories(file, first)))) : first;
        this.float32 = options.float32();
        if (options.missing() == CsvOptions.Missing.IMPUTE) {
            if (fills != null && fills.length != layout.dimensions()) {
                throw new IllegalArgumentException(fills.length + " fill values for " + layout.dimensions() + " feature columns");
            }
            if (fills == null) { // a missing value is delivered as NaN: the estimator fills it from its statistics pass
                fills = new double[layout.dimensions()];
                java.util.Arrays.fill(fills, Double.NaN);
            }
            layout.fills = fills.clone();
        }
    }

    /** A category column with more distinct values than this is a mistake (an identifier, a number): each value is a column. */
    static final int MAX_CATEGORIES = 10_000;

    /** {@code categorical} with {@code learned} values for the columns it had none for. */
    private static CsvOptions.Categorical withValues(CsvOptions.Categorical categorical, java.util.Map<String, List<String>> learned) {
        java.util.Map<String, List<String>> values = new java.util.LinkedHashMap<>(categorical.values());
        learned.forEach(values::putIfAbsent);
        return new CsvOptions.Categorical(categorical.columns(), values, categorical.one());
    }

    /** The distinct values of each category column whose values are not given, sorted: one read of the file. */
    private static java.util.Map<String, List<String>> learnCategories(Path file, CsvLayout layout) {
        List<String> columns = layout.options.categorical().columns();
        List<java.util.TreeSet<String>> seen = new java.util.ArrayList<>();
        List<Integer> fields = new java.util.ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            seen.add(new java.util.TreeSet<>());
        }
        for (int f = 0; f < layout.fieldCount; f++) {
            if (layout.categoryOfField[f] >= 0 && layout.categoryValues.get(layout.categoryOfField[f]) == null) {
                fields.add(f);
            }
        }
        try {
            eachDataRecord(file, layout, record -> {
                for (int f : fields) {
                    String text = f < record.getFieldCount() ? record.getField(f).strip() : "";
                    java.util.TreeSet<String> values = seen.get(layout.categoryOfField[f]);
                    if (!layout.isMissing(text) && values.add(text) && values.size() > MAX_CATEGORIES) {
                        throw new InvalidInputException(layout.name + ":" + record.getStartingLineNumber() + ":" + (f + 1)
                                + ": categorical column '" + columns.get(layout.categoryOfField[f]) + "' has more than "
                                + MAX_CATEGORIES + " distinct values (each becomes a column): an identifier, or numbers?");
                    }
                }
            });
        } catch (IOException e) {
            throw SourceFiles.unreadable(file, e);
        }
        java.util.Map<String, List<String>> learned = new java.util.LinkedHashMap<>();
        for (int f : fields) {
            int c = layout.categoryOfField[f];
            if (seen.get(c).isEmpty()) {
                throw new InvalidInputException(layout.name + ": categorical column '" + columns.get(c) + "' has no value");
            }
            learned.put(columns.get(c), List.copyOf(seen.get(c)));
        }
        return learned;
    }

    /**
     * Per category column (nominal attribute), its first feature column and its number of values:
     * what {@code KMeansConfig.Builder.nominalColumns} declares.
     *
     * @return one {@code {firstColumn, values}} pair per category column
     */
    public int[][] nominalColumns() {
        int[][] copy = new int[layout.nominalColumns.length][];
        for (int a = 0; a < copy.length; a++) {
            copy[a] = layout.nominalColumns[a].clone();
        }
        return copy;
    }

    /**
     * The texts that mark a missing value besides an empty field (and NaN when imputing).
     *
     * @return the markers
     */
    public List<String> missingMarkers() {
        return layout.options.missingMarkers();
    }


    /**
     * A source reading {@code file} with the defaults for its extension ({@link CsvOptions#forFile}).
     *
     * @param file the file
     */
    public CsvSource(Path file) {
        this(file, CsvOptions.forFile(file));
    }

    private CsvSource(InputStream stream, String name, CsvOptions options) {
        this.file = null;
        this.stream = stream;
        this.stamp = null;
        this.layout = CsvLayout.ofStream(stream, name, options);
        if (layout.lacksCategories()) {
            throw new InvalidInputException(name + ": categorical columns' values are learned in a read of their own, and a "
                    + "stream is read once");
        }
        if (options.missing() == CsvOptions.Missing.IMPUTE) {
            double[] missing = new double[layout.dimensions()];
            java.util.Arrays.fill(missing, Double.NaN);
            layout.fills = missing;
        }
        this.float32 = options.float32();
    }

    /**
     * A source over a stream that can be read once — standard input, say ({@link Rereading#ONCE}:
     * the estimator learns in one pass). The first line is looked at, for the header, and read again.
     *
     * @param in the text
     * @param name what to call it in messages
     * @param options how to read it
     * @return the source
     */
    public static CsvSource ofStream(InputStream in, String name, CsvOptions options) {
        return new CsvSource(new java.io.BufferedInputStream(in, 1 << 16), name, options);
    }

    /**
     * Feature names from the header, or {@code x0, x1, …} by field index without one.
     *
     * @return one name per feature
     */
    public List<String> featureNames() {
        return layout.featureNames;
    }

    /**
     * True if the first record names the columns.
     *
     * @return whether it has a header
     */
    public boolean hasHeader() {
        return layout.hasHeader;
    }

    @Override
    public int dimensions() {
        return layout.dimensions();
    }

    @Override
    public String name() {
        return layout.name;
    }

    /** Every pass parses the text again: the estimator keeps what the first pass parsed. A stream is read once. */
    @Override
    public Rereading rereading() {
        return stream != null ? Rereading.ONCE : Rereading.PARSES;
    }

    /**
     * True if the rows carry a label column.
     *
     * @return whether it has one
     */
    public boolean hasLabels() {
        return layout.labelField >= 0;
    }

    /**
     * The label column's name, however it was given (a name in any case, {@code last}, an index):
     * its header name, or {@code x<index>} without a header.
     *
     * @return the name, or null without a label column
     */
    public String labelName() {
        return layout.labelName;
    }

    /**
     * The label column, one value per data row in order, as small integers — {@code names} receives
     * each distinct value at its code. One more read of the file (not possible for a stream).
     *
     * @param names receives the distinct values
     * @return one code per row
     * @throws IOException when the file cannot be read
     */
    public int[] labels(List<String> names) throws IOException {
        if (layout.labelField < 0) {
            throw new IllegalStateException(layout.name + ": no label column");
        }
        if (stream != null) {
            throw new InvalidInputException(layout.name + ": the label column needs a second read, and a stream can be read once");
        }
        LabelCodes codes = new LabelCodes(names);
        eachDataRecord(file, layout, record -> codes.add(layout.labelField < record.getFieldCount()
                ? record.getField(layout.labelField) : ""));
        return codes.labels();
    }

    /** Every record of {@code file} after its header, if it has one, in order. */
    private static void eachDataRecord(Path file, CsvLayout layout, java.util.function.Consumer<CsvRecord> body) throws IOException {
        try (CsvReader<CsvRecord> reader = layout.builder().build(CsvLayout.records(), file)) {
            boolean skip = layout.hasHeader;
            for (CsvRecord record : reader) {
                if (!skip) {
                    body.accept(record);
                }
                skip = false;
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public BatchReader open() throws IOException {
        return open(ReadThreads.NONE);
    }

    /** True if the options ask for float32 values: the rows are then held as float32, half the memory and spill file. */
    @Override
    public boolean float32() {
        return float32;
    }

    @Override
    public BatchReader open(ReadThreads threads) throws IOException {
        BatchReader parsing = openParsing(threads);
        return float32 ? new NarrowingReader(parsing, layout.dimensions(), layout.name) : parsing;
    }

    private BatchReader openParsing(ReadThreads threads) throws IOException {
        if (stream != null) {
            if (streamOpened) {
                throw new IOException(layout.name + ": a stream can be read only once");
            }
            streamOpened = true;
            return new SerialCsvReader(layout, layout.builder().build(new CsvRowParser(layout, 0, layout.hasHeader),
                    new InputStreamReader(stream, StandardCharsets.UTF_8)), () -> { });
        }
        SourceFiles.checkRereadable(file);
        int pass = passes.incrementAndGet();
        stamp.verify(file, "at the start of pass " + pass);
        Runnable atEnd = () -> stamp.verify(file, "at the end of pass " + pass);
        try {
            if (threads.count() > 1 && Files.size(file) >= PARALLEL_FROM_BYTES && !quoted() && !wideEncoding(file)) {
                return new ParallelCsvReader(layout, file, threads, atEnd);
            }
            return new SerialCsvReader(layout, layout.builder().build(new CsvRowParser(layout, 0, layout.hasHeader), file), atEnd);
        } catch (IOException e) {
            throw SourceFiles.unreadable(file, e);
        }
    }

    /**
     * True for a file that starts with a UTF-16 or UTF-32 byte-order mark: its bytes cannot be cut at
     * any newline byte for parallel parsing (the serial reader decodes it by its mark).
     */
    private static boolean wideEncoding(Path file) throws IOException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        }
        int b0 = n > 0 ? head[0] & 0xff : -1;
        int b1 = n > 1 ? head[1] & 0xff : -1;
        return b0 == 0xFE && b1 == 0xFF || b0 == 0xFF && b1 == 0xFE // UTF-16 (and UTF-32 little-endian)
                || n == 4 && b0 == 0 && b1 == 0 && (head[2] & 0xff) == 0xFE && (head[3] & 0xff) == 0xFF; // UTF-32 big-endian
    }

    private boolean quoted() throws IOException {
        if (quoted == null) {
            quoted = CsvLayout.quoted(file);
        }
        return quoted;
    }
}
