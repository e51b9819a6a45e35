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
import io.github.minibatchkmeans.core.spi.SourceFiles;
import io.github.minibatchkmeans.core.spi.Weights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
    private final String name;
    private final CsvOptions options;
    private final boolean hasHeader;
    private final int fieldCount;
    /** For each field of a record: the feature slot, {@link #WEIGHT}, or {@link #SKIP}. */
    private final int[] slotOfField;
    private final List<String> featureNames;

    /** Spellings of NaN and infinity that other tools write (numpy, pandas, R) and Java does not parse. */
    private static final java.util.regex.Pattern NON_FINITE =
            java.util.regex.Pattern.compile("\\s*[+-]?(nan|inf|infinity)\\s*", java.util.regex.Pattern.CASE_INSENSITIVE);

    private static final int SKIP = -1;
    private static final int WEIGHT = -2;

    public CsvSource(Path file, CsvOptions options) {
        this.file = file;
        this.name = file.toString();
        this.options = options;
        List<String> first = firstRecord();
        this.fieldCount = first.size();
        this.hasHeader = switch (options.header()) {
            case PRESENT -> true;
            case ABSENT -> false;
            case AUTO -> first.stream().anyMatch(f -> !isNumber(f));
        };
        List<String> names = hasHeader ? first : null;
        this.slotOfField = new int[fieldCount];
        Arrays.fill(slotOfField, SKIP);
        int weightField = options.weightColumn() == null ? -1 : resolve(options.weightColumn(), names, "weight column");
        List<Integer> features = new ArrayList<>();
        if (options.columns().isEmpty()) {
            for (int f = 0; f < fieldCount; f++) {
                if (f != weightField) {
                    features.add(f);
                }
            }
        } else {
            for (String spec : options.columns()) {
                int f = resolve(spec, names, "column");
                if (f == weightField || features.contains(f)) {
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

    @Override
    public String name() {
        return name;
    }

    private CsvReader.CsvReaderBuilder builder() {
        return CsvReader.builder().fieldSeparator(options.separator())
                .allowExtraFields(true).allowMissingFields(true).skipEmptyLines(true);
    }

    private List<String> firstRecord() {
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
                    + (names == null ? " (the file has no header; use 0-based indices)" : " in header " + names));
        }
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
        SourceFiles.checkReadable(file);
        try {
            return new Reader(builder().build(new RowHandler(), file));
        } catch (IOException e) {
            throw SourceFiles.unreadable(file, e);
        }
    }

    /** Parses the selected fields of one record straight from FastCSV's buffer into a row. */
    private final class RowHandler extends AbstractBaseCsvCallbackHandler<RowHandler> {
        final double[] row = new double[dimensions()];
        double weight;
        long line;
        /** The header record is consumed by returning null from {@link #buildRecord()}. */
        private boolean headerPending = hasHeader;

        @Override
        protected void handleBegin(long startingLineNumber) {
            line = startingLineNumber;
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
                        ? ": not a finite number: '" : ": not a number: '") + text + "'");
            }
            if (slot == WEIGHT) {
                if (!Weights.isValid(value)) {
                    throw Weights.rejected(value, where(fieldIdx));
                }
                weight = value;
            } else if (!Double.isFinite(value)) {
                throw new InvalidInputException(where(fieldIdx) + ": not a finite number: '" + new String(buf, offset, len) + "'");
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

    private final class Reader implements BatchReader {
        private final CsvReader<RowHandler> csv;
        private final CloseableIterator<RowHandler> records;

        Reader(CsvReader<RowHandler> csv) {
            this.csv = csv;
            this.records = csv.iterator();
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
            return n;
        }

        @Override
        public void close() throws IOException {
            csv.close();
        }
    }
}
