package io.github.minibatchkmeans.examples.cli;

import io.github.minibatchkmeans.core.NpySource;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.io.CsvOptions;
import io.github.minibatchkmeans.io.CsvSource;
import io.github.minibatchkmeans.weka.ArffSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** How an input file is read; its format comes from the extension. */
final class InputOptions {
    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Data: .csv, .tsv, .npy or .arff.")
    Path input;

    @Option(names = "--columns", split = ",", paramLabel = "LIST",
            description = "CSV/TSV feature columns, by header name or 0-based index (default: all but the weight column).")
    List<String> columns = List.of();

    @Option(names = "--weight-column", paramLabel = "NAME|INDEX", description = "CSV/TSV column of row weights.")
    String weightColumn;

    @Option(names = "--no-header", description = "CSV/TSV: the first line is data, not a header.")
    boolean noHeader;

    BatchSource open() {
        String name = input.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".tsv")) {
            CsvOptions options = CsvOptions.forFile(input).withColumns(columns).withWeightColumn(weightColumn);
            return new CsvSource(input, noHeader ? options.withHeader(CsvOptions.Header.ABSENT) : options);
        }
        if (!columns.isEmpty() || weightColumn != null || noHeader) {
            throw new InvalidInputException("--columns, --weight-column and --no-header apply to CSV/TSV input only");
        }
        if (name.endsWith(".npy")) {
            return new NpySource(input);
        }
        if (name.endsWith(".arff")) {
            // Weka's own loader, streaming; nominal attributes one-hot, numeric ones as they are.
            return new ArffSource(input, false);
        }
        throw new InvalidInputException(input + ": unsupported input format (use .csv, .tsv, .npy or .arff)");
    }
}
