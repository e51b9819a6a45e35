package io.github.minibatchkmeans.io;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.CsvRecordHandler;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.core.spi.SourceFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a delimited text file is laid out, read from its first record: whether that record is a
 * header, how many fields a record has, which field feeds which feature slot (or the weight, or
 * the label), and the features' names. Column selections by header name or 0-based index are
 * resolved here, once, with one-line errors naming the file.
 */
final class CsvLayout {
    /** The most fields a record may have: the columns of the widest file we read, and more. */
    private static final int MAX_FIELDS = 1 << 24;
    static final int SKIP = -1;
    static final int WEIGHT = -2;

    final String name;
    final CsvOptions options;
    final boolean hasHeader;
    final int fieldCount;
    /** For each field of a record: the feature slot, {@link #WEIGHT}, or {@link #SKIP}. */
    final int[] slotOfField;
    final List<String> featureNames;
    /** The field of the label column, or −1. */
    final int labelField;
    /** The label column's header name ({@code x<index>} without a header), or null. */
    final String labelName;
    /**
     * What a missing feature value becomes, per feature slot (NaN while the means are being learned);
     * null: it is an error. Set by the source before its first pass.
     */
    volatile double[] fills;
    /** The missing-value markers that are numbers; usually none, and then a parsed value is never checked. */
    final double[] missingNumbers;
    /** For each field of a record: its index among the category columns, or −1. */
    final int[] categoryOfField;
    /** Per category column, the code of each value (empty until its values are known). */
    final List<java.util.Map<String, Integer>> categoryCodes;
    /** Per category column, its values in code order; null until learned. */
    final List<List<String>> categoryValues;
    /** Per category column with known values, its first feature slot and its number of values. */
    final int[][] nominalColumns;

    private CsvLayout(String name, CsvOptions options, List<String> first) {
        this.name = name;
        this.options = options;
        this.missingNumbers = options.missingMarkers().stream().filter(CsvLayout::isNumber).mapToDouble(JavaDoubleParser::parseDouble).toArray();
        this.fieldCount = first.size();
        this.hasHeader = switch (options.header()) {
            case PRESENT -> true;
            case ABSENT -> false;
            case AUTO -> looksLikeHeader(first, options.labelColumn());
        };
        List<String> names = hasHeader ? first : null;
        if (names != null) { // a name given twice: columns could be chosen, and a model's columns mapped, only by position
            java.util.Map<String, Integer> seen = new java.util.HashMap<>();
            for (int f = 0; f < names.size(); f++) {
                Integer earlier = seen.putIfAbsent(names.get(f), f);
                if (earlier != null) {
                    throw new InvalidInputException(name + ":1: the header names column '" + names.get(f) + "' twice (columns "
                            + (earlier + 1) + " and " + (f + 1) + "): give each column its own name");
                }
            }
        }
        this.slotOfField = new int[fieldCount];
        Arrays.fill(slotOfField, SKIP);
        int weightField = options.weightColumn() == null ? -1 : resolve(options.weightColumn(), names, "weight column");
        this.labelField = options.labelColumn() == null ? -1 : resolve(options.labelColumn(), names, "label column");
        this.labelName = labelField < 0 ? null : names == null ? "x" + labelField : names.get(labelField);
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
        CsvOptions.Categorical categorical = options.categorical();
        this.categoryOfField = new int[fieldCount];
        Arrays.fill(categoryOfField, -1);
        List<String> categoryColumns = categorical.columns();
        this.categoryCodes = new java.util.ArrayList<>();
        this.categoryValues = new ArrayList<>();
        for (int c = 0; c < categoryColumns.size(); c++) {
            String spec = categoryColumns.get(c);
            int f = resolve(spec, names, "categorical column");
            if (!features.contains(f)) {
                throw new InvalidInputException(name + ": categorical column '" + spec + "' is not among the feature columns");
            }
            if (categoryOfField[f] >= 0) {
                throw new InvalidInputException(name + ": categorical column '" + spec + "' is named twice");
            }
            categoryOfField[f] = c;
            List<String> values = categorical.values().get(spec);
            categoryValues.add(values);
            java.util.Map<String, Integer> codes = new java.util.HashMap<>();
            if (values != null) {
                for (String v : values) {
                    codes.putIfAbsent(v, codes.size());
                }
            }
            categoryCodes.add(codes);
        }
        List<String> featureNames = new ArrayList<>();
        List<int[]> nominal = new ArrayList<>();
        int slot = 0;
        for (int f : features) {
            slotOfField[f] = slot;
            String column = names == null ? "x" + f : names.get(f);
            int c = categoryOfField[f];
            if (c < 0) {
                featureNames.add(column);
                slot++;
            } else if (categoryValues.get(c) != null) {
                List<String> values = categoryValues.get(c);
                nominal.add(new int[] {slot, values.size()});
                values.forEach(v -> featureNames.add(column + "=" + v));
                slot += values.size();
            }
        }
        this.nominalColumns = nominal.toArray(new int[0][]);
        if (weightField >= 0) {
            slotOfField[weightField] = WEIGHT;
        }
        this.featureNames = List.copyOf(featureNames);
    }

    /** The layout of {@code file}, from its first record. */
    static CsvLayout ofFile(Path file, String name, CsvOptions options) {
        SourceFiles.checkRereadable(file);
        try (CsvReader<CsvRecord> reader = builder(options).build(records(), file)) {
            CloseableIterator<CsvRecord> it = reader.iterator();
            if (!it.hasNext()) {
                throw new InvalidInputException(name + ": empty input (no rows)");
            }
            return new CsvLayout(name, options, it.next().getFields());
        } catch (IOException | UncheckedIOException e) {
            throw SourceFiles.unreadable(file, e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
        } catch (CsvParseException e) {
            throw new InvalidInputException(name + ":1: " + e.getCause().getMessage());
        }
    }

    /** The layout of a marked stream, from its first line, which is given back to the stream. */
    static CsvLayout ofStream(InputStream stream, String name, CsvOptions options) {
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
            try (CsvReader<CsvRecord> reader = builder(options).build(records(), text)) {
                return new CsvLayout(name, options, reader.iterator().next().getFields());
            }
        } catch (IOException e) {
            throw new InvalidInputException(name + ": cannot read: " + e.getMessage(), e);
        } catch (CsvParseException e) {
            throw new InvalidInputException(name + ":1: " + e.getCause().getMessage());
        }
    }

    /** FastCSV's reader for this layout's separator: BOMs detected, ragged rows left for the parser to report. */
    /**
     * FastCSV's records, without its default limit of 16,384 fields: a row of text features or a
     * file of centroids over 2^16 of them is a record of that many fields.
     */
    static CsvRecordHandler records() {
        return CsvRecordHandler.of(handler -> handler.maxFields(MAX_FIELDS));
    }

    CsvReader.CsvReaderBuilder builder() {
        return builder(options);
    }

    private static CsvReader.CsvReaderBuilder builder(CsvOptions options) {
        return CsvReader.builder().fieldSeparator(options.separator()).detectBomHeader(true)
                .allowExtraFields(true).allowMissingFields(true).skipEmptyLines(true);
    }

    int dimensions() {
        return featureNames.size();
    }

    /** True if some category column's values are not known yet: they must be learned before rows are read. */
    boolean lacksCategories() {
        return categoryValues.contains(null);
    }

    /** Whether {@code file} has a quote character anywhere: then a newline may sit inside a field, and only one thread can parse it. */
    static boolean quoted(Path file) throws IOException {
        byte quote = (byte) '"';
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == quote) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The field {@code spec} names: a header name (exactly, else in any case when only one matches),
     * {@code first} or {@code last} (as Weka's {@code -c} takes them), or a 0-based index.
     */
    private int resolve(String spec, List<String> names, String what) {
        if (names != null) {
            int i = names.indexOf(spec);
            if (i >= 0) {
                return i;
            }
            List<String> anyCase = names.stream().filter(n -> n.equalsIgnoreCase(spec.trim())).toList();
            if (anyCase.size() == 1) {
                return names.indexOf(anyCase.get(0));
            }
        }
        int end = endIndex(spec, fieldCount);
        if (end >= 0) {
            return end;
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
                    + (names == null ? " (the file has no header; use first, last or 0-based indices)" : " in header "
                    + (names.size() <= 20 ? names.toString() : names.subList(0, 20) + " and " + (names.size() - 20) + " more")
                    + "; or first, last, or a 0-based index"));
        }
    }

    /** 0 for {@code first}, {@code fields - 1} for {@code last} (any case), else -1. */
    private static int endIndex(String spec, int fields) {
        String s = spec.trim();
        return s.equalsIgnoreCase("first") ? 0 : s.equalsIgnoreCase("last") ? fields - 1 : -1;
    }

    /**
     * A first record is a header if it names the label column, or if none of its fields is a number
     * (the label column's values, class names, need not be numbers). One that mixes numbers and text
     * is refused: a typo in the first data row must not silently become a header.
     */
    private boolean looksLikeHeader(List<String> first, String labelColumn) {
        if (labelColumn != null && first.stream().anyMatch(f -> f.equalsIgnoreCase(labelColumn.trim()))) {
            return true;
        }
        List<String> categories = options.categorical().columns();
        if (categories.stream().anyMatch(c -> first.stream().anyMatch(f -> f.equalsIgnoreCase(c.trim())))) {
            return true;
        }
        java.util.Set<Integer> textColumns = new java.util.HashSet<>(); // the label and category columns: text in data too
        for (String spec : labelColumn == null ? categories : concat(categories, labelColumn)) {
            try {
                textColumns.add(endIndex(spec, first.size()) >= 0 ? endIndex(spec, first.size()) : Integer.parseInt(spec.trim()));
            } catch (NumberFormatException e) {
                // a name that is not in the first record: no column to leave out
            }
        }
        int text = -1;
        int numbers = 0;
        for (int f = 0; f < first.size(); f++) {
            if (textColumns.contains(f) || options.missing() == CsvOptions.Missing.IMPUTE && isMissing(first.get(f))) {
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

    private static List<String> concat(List<String> list, String one) {
        List<String> all = new ArrayList<>(list);
        all.add(one);
        return all;
    }

    /** An empty field, one of the options' missing-value markers or {@code NaN} (any case, spaces around): a missing value. */
    boolean isMissing(String s) {
        String t = s.strip();
        return t.isEmpty() || t.equalsIgnoreCase("NaN") || options.missingMarkers().stream().anyMatch(t::equalsIgnoreCase);
    }

    /** True if {@code value} is one of the markers that are numbers ({@code -999}): missing, though it parses. */
    boolean isMissingNumber(double value) {
        for (double marker : missingNumbers) {
            if (value == marker) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNumber(String s) {
        try {
            JavaDoubleParser.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
