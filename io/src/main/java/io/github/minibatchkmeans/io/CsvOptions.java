package io.github.minibatchkmeans.io;

import java.nio.file.Path;
import java.util.List;

/**
 * How to read a delimited text file.
 *
 * @param separator    field separator: {@code ','} for CSV, {@code '\t'} for TSV
 * @param header       whether the first record names the columns
 * @param columns      feature columns by header name or 0-based index; empty means every column but the weight
 * @param weightColumn the weight column by name or 0-based index, or null for unit weights
 * @param labelColumn  a class or label column, by name or 0-based index, kept out of the features
 *                     (read with {@link CsvSource#labels}), or null
 * @param missing      what a missing feature value is — an empty field, one of {@code missingMarkers}
 *                     (and, when imputed, {@code NaN}): an error, or replaced by its column's mean
 * @param float32      true to hold the values as float32 — half the memory and spill file — rounded as
 *                     NumPy's {@code astype(np.float32)} rounds them; a value beyond float32's range is an error
 * @param missingMarkers the texts that mark a missing value besides an empty field, compared without the spaces
 *                     around them and in any case ({@code ?} and {@code NA} by default); a marker that is a number
 *                     ({@code -999}) marks that value
 * @param categorical  the columns read as categories (nominal attributes, one-hot encoded)
 */
public record CsvOptions(char separator, Header header, List<String> columns, String weightColumn, String labelColumn,
                         Missing missing, boolean float32, List<String> missingMarkers, Categorical categorical) {

    /** The missing-value markers by default: R's and Weka's. */
    public static final List<String> DEFAULT_MISSING_MARKERS = List.of("?", "NA");

    /**
     * Whether the first record is a header: detected, or said.
     */
    public enum Header {
        /** A header if the first record names the label column or holds no number. */
        AUTO,
        /** The first record is a header. */
        PRESENT,
        /** Every record is data. */
        ABSENT
    }

    /** What a missing feature value is. */
    public enum Missing {
        /** An error naming the line and column (the default). */
        ERROR,
        /**
         * Replaced by the column's weighted mean over the values present, as Weka's
         * {@code ReplaceMissingValues} does: learned in one more read of the file before the first pass.
         */
        IMPUTE
    }

    /**
     * Options; {@code columns} is copied.
     *
     * @param separator    field separator
     * @param header       whether the first record names the columns
     * @param columns      feature columns, or empty for all
     * @param weightColumn the weight column, or null
     * @param labelColumn  the label column, or null
     * @param missing      what a missing value is
     * @param float32      whether the values are held as float32
     * @param missingMarkers the texts that mark a missing value besides an empty field
     * @param categorical  the category columns
     */
    public CsvOptions {
        columns = List.copyOf(columns);
        java.util.Objects.requireNonNull(missing, "missing");
        missingMarkers = missingMarkers.stream().map(String::strip).toList();
        java.util.Objects.requireNonNull(categorical, "categorical");
    }

    /**
     * Columns read as categories — text values, each a nominal attribute one-hot encoded into one
     * column per distinct value (named {@code column=value}, values in sorted order) — with the
     * value a row's category column holds.
     *
     * @param columns     the category columns, by header name or 0-based index (each also a feature column)
     * @param values      per column (as named in {@code columns}), its values, when known (a model's); the
     *                    others are learned in one more read of the file, sorted
     * @param one         what the column of a row's value holds (the rest hold 0)
     */
    public record Categorical(List<String> columns, java.util.Map<String, List<String>> values, double one) {
        /** No category column. */
        public static final Categorical NONE = new Categorical(List.of(), java.util.Map.of(), 1);

        /**
         * Copies the lists.
         *
         * @param columns     the category columns
         * @param values      the values known per column
         * @param one         the one-hot value
         */
        public Categorical {
            columns = List.copyOf(columns);
            java.util.Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
            values.forEach((column, list) -> copy.put(column, List.copyOf(list)));
            values = java.util.Collections.unmodifiableMap(copy);
        }
    }

    /**
     * Options with the default missing-value markers.
     *
     * @param separator    field separator
     * @param header       whether the first record names the columns
     * @param columns      feature columns, or empty for all
     * @param weightColumn the weight column, or null
     * @param labelColumn  the label column, or null
     * @param missing      what a missing value is
     * @param float32      whether the values are held as float32
     */
    public CsvOptions(char separator, Header header, List<String> columns, String weightColumn, String labelColumn, Missing missing,
                      boolean float32) {
        this(separator, header, columns, weightColumn, labelColumn, missing, float32, DEFAULT_MISSING_MARKERS, Categorical.NONE);
    }

    /**
     * Options whose values are held as doubles.
     *
     * @param separator    field separator
     * @param header       whether the first record names the columns
     * @param columns      feature columns, or empty for all
     * @param weightColumn the weight column, or null
     * @param labelColumn  the label column, or null
     * @param missing      what a missing value is
     */
    public CsvOptions(char separator, Header header, List<String> columns, String weightColumn, String labelColumn, Missing missing) {
        this(separator, header, columns, weightColumn, labelColumn, missing, false);
    }

    /**
     * Defaults for a file: tab-separated for {@code .tsv}, comma-separated otherwise, header auto-detected.
     *
     * @param file the file
     * @return the options
     */
    public static CsvOptions forFile(Path file) {
        boolean tsv = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".tsv");
        return new CsvOptions(tsv ? '\t' : ',', Header.AUTO, List.of(), null, null, Missing.ERROR);
    }

    /**
     * These options with another {@code header}.
     *
     * @param header the new value
     * @return the options
     */
    public CsvOptions withHeader(Header header) {
        return new CsvOptions(separator, header, columns, weightColumn, labelColumn, missing, float32, missingMarkers, categorical);
    }

    /**
     * These options with another {@code columns}.
     *
     * @param columns the new value
     * @return the options
     */
    public CsvOptions withColumns(List<String> columns) {
        return new CsvOptions(separator, header, columns, weightColumn, labelColumn, missing, float32, missingMarkers, categorical);
    }

    /**
     * These options with another {@code weightColumn}.
     *
     * @param weightColumn the new value
     * @return the options
     */
    public CsvOptions withWeightColumn(String weightColumn) {
        return new CsvOptions(separator, header, columns, weightColumn, labelColumn, missing, float32, missingMarkers, categorical);
    }

    /**
     * These options with another {@code labelColumn}.
     *
     * @param labelColumn the new value
     * @return the options
     */
    public CsvOptions withLabelColumn(String labelColumn) {
        return new CsvOptions(separator, header, columns, weightColumn, labelColumn, missing, float32, missingMarkers, categorical);
    }

    /**
     * These options with another {@code missing}.
     *
     * @param missing the new value
     * @return the options
     */
    public CsvOptions withMissing(Missing missing) {
        return new CsvOptions(separator, header, columns, weightColumn, labelColumn, missing, float32, missingMarkers, categorical);
    }

    /**
     * These options with other {@code missingMarkers}.
     *
     * @param missingMarkers the new value
     * @return the options
     */
    public CsvOptions withMissingMarkers(List<String> missingMarkers) {
        return new CsvOptions(separator, header, columns, weightColumn, labelColumn, missing, float32, missingMarkers, categorical);
    }

    /**
     * These options with other category columns.
     *
     * @param categorical the new value
     * @return the options
     */
    public CsvOptions withCategorical(Categorical categorical) {
        return new CsvOptions(separator, header, columns, weightColumn, labelColumn, missing, float32, missingMarkers, categorical);
    }

    /**
     * These options with another {@code float32}.
     *
     * @param float32 the new value
     * @return the options
     */
    public CsvOptions withFloat32(boolean float32) {
        return new CsvOptions(separator, header, columns, weightColumn, labelColumn, missing, float32, missingMarkers, categorical);
    }
}
