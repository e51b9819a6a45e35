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
 */
public record CsvOptions(char separator, Header header, List<String> columns, String weightColumn, String labelColumn) {

    public enum Header { AUTO, PRESENT, ABSENT }

    public CsvOptions {
        columns = List.copyOf(columns);
    }

    /** Defaults for a file: tab-separated for {@code .tsv}, comma-separated otherwise, header auto-detected. */
    public static CsvOptions forFile(Path file) {
        boolean tsv = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".tsv");
        return new CsvOptions(tsv ? '\t' : ',', Header.AUTO, List.of(), null, null);
    }

    public CsvOptions withHeader(Header header) {
        return new CsvOptions(separator, header, columns, weightColumn, labelColumn);
    }

    public CsvOptions withColumns(List<String> columns) {
        return new CsvOptions(separator, header, columns, weightColumn, labelColumn);
    }

    public CsvOptions withWeightColumn(String weightColumn) {
        return new CsvOptions(separator, header, columns, weightColumn, labelColumn);
    }

    public CsvOptions withLabelColumn(String labelColumn) {
        return new CsvOptions(separator, header, columns, weightColumn, labelColumn);
    }
}
