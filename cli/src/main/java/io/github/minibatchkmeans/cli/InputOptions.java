package io.github.minibatchkmeans.cli;

import io.github.minibatchkmeans.core.MissingValues;
import io.github.minibatchkmeans.core.NpySource;
import io.github.minibatchkmeans.core.Parameters;
import io.github.minibatchkmeans.core.NpzSource;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.io.CsvOptions;
import io.github.minibatchkmeans.io.CsvSource;
import io.github.minibatchkmeans.io.SvmlightSource;
import io.github.minibatchkmeans.weka.ArffSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** How an input file is read; its format comes from the extension. */
final class InputOptions {
    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "Data: .csv, .tsv, .npy, .arff, and sparse rows, kept sparse: scipy's save_npz (.npz), svmlight/libsvm "
                    + "(.svm, .svmlight, .libsvm); - reads CSV from standard input, in one pass.")
    Path input;

    @Option(names = "--label-column", paramLabel = "NAME|INDEX",
            description = "CSV/TSV/ARFF column of class labels: kept out of the features, used to report agreement.")
    String labelColumn;

    @Option(names = "--columns", split = ",", paramLabel = "LIST",
            description = "CSV/TSV feature columns, by header name or 0-based index (default: all but the weight column).")
    List<String> columns = List.of();

    @Option(names = "--weight-column", paramLabel = "NAME|INDEX", description = "CSV/TSV column of row weights.")
    String weightColumn;

    @Option(names = "--categorical", split = ",", paramLabel = "COLS",
            description = "CSV/TSV columns of categories (any text), by header name or 0-based index: each a nominal attribute, "
                    + "one column per value (learned in one more read, sorted), clustered as --nominal says. predict maps "
                    + "values by name; a value the model never saw adds the same to every centroid's distance.")
    List<String> categorical = List.of();

    /** The category columns and the one-hot value they are written with (the fit's γ; 1 by default). */
    private CsvOptions.Categorical categories = new CsvOptions.Categorical(List.of(), java.util.Map.of(), Math.sqrt(0.5));
    /** The configuration ARFF nominal attributes are read for; null: the table's defaults. */
    private io.github.minibatchkmeans.core.KMeansConfig nominalConfig;

    /**
     * Reads the input as {@code config} fits it: nominal attributes (ARFF's, CSV's --categorical
     * columns) with its one-hot value, a missing value an error or NaN for the fit to fill in.
     */
    void readAs(io.github.minibatchkmeans.core.KMeansConfig config) {
        nominalConfig = config;
        missing = config.missing();
        categories = new CsvOptions.Categorical(categorical, java.util.Map.of(), config.nominalValue());
    }

    /** Reads {@code columns} as category columns with the values given (a model's), whatever --categorical says. */
    void categoriesAs(CsvOptions.Categorical columns) {
        categories = columns;
    }

    /** {@code config} with {@code source}'s nominal attributes declared (CSV category columns, ARFF nominal attributes). */
    static io.github.minibatchkmeans.core.KMeansConfig withNominalColumns(io.github.minibatchkmeans.core.KMeansConfig config,
                                                                          BatchSource source) {
        io.github.minibatchkmeans.core.KMeansConfig.Builder b = config.toBuilder();
        if (source instanceof CsvSource csv) {
            for (int[] attribute : csv.nominalColumns()) {
                b.nominalColumns(attribute[0], attribute[1]);
            }
        } else if (source instanceof ArffSource arff) {
            arff.encoding().declareNominal(b);
        }
        return b.build();
    }

    /** What a missing value is; set by the command: fit's from the parameter table's --missing, predict's from its own. */
    MissingValues missing = Parameters.MISSING.defaultValue(io.github.minibatchkmeans.core.Mode.EXACT).orElseThrow();

    @Option(names = "--na-values", paramLabel = "LIST", split = ",",
            description = "CSV/TSV: the texts that mark a missing value besides an empty field, comma-separated, any case "
                    + "(a number, such as -999, marks that value). Default: ?,NA.")
    List<String> naValues;

    @Option(names = "--index-base", paramLabel = "auto|0|1", defaultValue = "auto",
            description = "svmlight: how feature indices count — 0 (scikit-learn's dump_svmlight_file), 1 (libsvm, Spark), or "
                    + "auto: 0 if any index is 0, else 1, as scikit-learn's loader. Default: ${DEFAULT-VALUE}.")
    String indexBase;

    @Option(names = "--features", paramLabel = "N",
            description = "svmlight: the number of features (default: the largest index + 1; predict uses the model's).")
    int features;

    /** How values are held in memory: as the file has them, or said. */
    enum Dtype { auto, float32, float64 }

    @Option(names = "--dtype", paramLabel = "auto|float32|float64", defaultValue = "auto",
            description = "How values are held: float32 takes half the memory (and spill file) and gives the results of "
                    + "the same values as float64. auto: float32 for a float32 .npy, float64 otherwise. float32 rounds CSV/TSV "
                    + "values as NumPy's astype(np.float32). Default: ${DEFAULT-VALUE}.")
    Dtype dtype;

    @Option(names = "--no-header", description = "CSV/TSV: the first line is data, not a header.")
    boolean noHeader;

    @Option(names = "--header", description = "CSV/TSV: the first line is a header (default: told from its fields).")
    boolean header;

    private CsvOptions.Header headerOption() {
        if (header && noHeader) {
            throw new UsageException("--header and --no-header: give one of them");
        }
        return header ? CsvOptions.Header.PRESENT : noHeader ? CsvOptions.Header.ABSENT : CsvOptions.Header.AUTO;
    }

    /** True when the input is standard input: one pass only. */
    boolean fromStandardInput() {
        return input.toString().equals("-");
    }

    BatchSource open() {
        return open(columns);
    }

    /** The label column's values as codes for each row, in order ({@code names}: the values); null without one. */
    static int[] labels(BatchSource source, List<String> names) throws java.io.IOException {
        if (source instanceof ColumnsByName picked) {
            return labels(picked.source(), names);
        }
        if (source instanceof CsvSource csv && csv.hasLabels()) {
            return csv.labels(names);
        }
        if (source instanceof ArffSource arff && arff.hasLabels()) {
            return arff.labels(names);
        }
        if (source instanceof SvmlightSource svmlight) {
            return svmlight.labels(names);
        }
        return null;
    }

    /** The name of {@code source}'s label column as the file has it, or null without one. */
    static String labelName(BatchSource source) {
        if (source instanceof ColumnsByName picked) {
            return labelName(picked.source());
        }
        return source instanceof CsvSource csv ? csv.labelName() : source instanceof ArffSource arff ? arff.labelName()
                : source instanceof SvmlightSource ? "label" : null;
    }

    /**
     * The missing values of {@code source}, filled in or left out: an ARFF file's counted while it is
     * read, any other's by the fit ({@code model}'s count).
     */
    static long missingValues(BatchSource source, io.github.minibatchkmeans.core.KMeansModel model) {
        return source instanceof ArffSource arff ? arff.missingValues() : model.missingValues();
    }

    /** Says on {@code err} how many missing values the fit of {@code model} filled in (with what) or left out: a change to the data. */
    static void noteMissingValues(BatchSource source, io.github.minibatchkmeans.core.KMeansModel model, java.io.PrintWriter err) {
        long count = missingValues(source, model);
        if (count == 0) {
            return;
        }
        String what = source instanceof ArffSource ? "'?' or NaN, which Weka reads as missing"
                : source instanceof CsvSource csv ? "empty fields, NaN or " + String.join(", ", csv.missingMarkers()) : "NaN";
        err.println(source.name() + ": " + count + " missing values (" + what + ") " + (model.missing() == MissingValues.IGNORE
                ? "left out: rows measured over the features they have"
                : "replaced by their column's mean (a nominal attribute's mode)"));
    }

    /**
     * The names of the feature columns of {@code source}, when it has them (for the model file):
     * a CSV header's, or an ARFF file's attributes ({@code name=value} for a nominal one's columns).
     */
    static List<String> featureNames(BatchSource source) {
        if (source instanceof ArffSource arff) {
            return arff.encoding().columnNames();
        }
        return source instanceof CsvSource csv && csv.hasHeader() ? csv.featureNames() : null;
    }

    /**
     * Opens the input with {@code featureColumns} (by name or index; empty: all but weight and label);
     * a missing CSV value is an error, or NaN for the estimator (or the model) to fill in, as
     * {@link #missing} says. Its values are held as {@code --dtype} says.
     */
    BatchSource open(List<String> featureColumns) {
        BatchSource source = openFile(featureColumns);
        if (dtype == Dtype.float32 && !source.float32()) {
            throw new InvalidInputException("--dtype float32 applies to CSV/TSV input and float32 .npy files; " + source.name()
                    + (source.sparse() ? " has sparse rows" : " holds float64 values: convert it with X.astype(np.float32)"));
        }
        return dtype == Dtype.float64 && source.float32() ? new AsFloat64(source) : source;
    }

    /** The CSV missing-value markers: {@code --na-values}, or the defaults. */
    private List<String> markers() {
        return naValues == null ? CsvOptions.DEFAULT_MISSING_MARKERS : naValues;
    }

    private BatchSource openFile(List<String> featureColumns) {
        // impute or ignore: the parser delivers NaN, the estimator fills it in or leaves it out
        CsvOptions.Missing csvMissing = missing == MissingValues.ERROR ? CsvOptions.Missing.ERROR : CsvOptions.Missing.IMPUTE;
        if (svmlight()) {
            if (!featureColumns.isEmpty() || weightColumn != null || noHeader || header || labelColumn != null
                    || naValues != null || !categorical.isEmpty()) {
                throw new InvalidInputException("--columns, --weight-column, --label-column, --na-values, --categorical "
                        + "and --no-header do not apply to svmlight input (its first field is the label)");
            }
            return new SvmlightSource(input, indexBase(), features);
        }
        if (!indexBase.equals("auto") || features != 0) {
            throw new InvalidInputException("--index-base and --features apply to svmlight input only");
        }
        if (fromStandardInput()) {
            CsvOptions options = new CsvOptions(',', headerOption(), featureColumns, weightColumn, labelColumn, csvMissing,
                    dtype == Dtype.float32, markers(), categories);
            return CsvSource.ofStream(System.in, "<stdin>", options);
        }
        String name = input.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".tsv")) {
            CsvOptions options = CsvOptions.forFile(input).withColumns(featureColumns).withWeightColumn(weightColumn)
                    .withLabelColumn(labelColumn).withMissing(csvMissing).withFloat32(dtype == Dtype.float32)
                    .withMissingMarkers(markers()).withCategorical(categories);
            return new CsvSource(input, options.withHeader(headerOption()));
        }
        if (name.endsWith(".arff")) {
            if (weightColumn != null || noHeader || header || naValues != null || !categorical.isEmpty()) {
                throw new InvalidInputException("--weight-column, --na-values, --categorical and --no-header apply to CSV/TSV input "
                        + "only (ARFF has instance weights, nominal attributes and '?' for a missing value)");
            }
            // Weka's own loader, streaming; nominal attributes one-hot, numeric ones as they are.
            ArffSource arff = new ArffSource(input, false, featureColumns, labelColumn);
            if (nominalConfig != null) {
                arff.nominalAs(nominalConfig);
            }
            if (missing == MissingValues.ERROR && arff.missingValues() > 0) {
                throw new InvalidInputException(input + ": " + arff.missingValues() + " missing values ('?' or NaN); "
                        + "--missing impute replaces them as Weka does (attribute means and modes)");
            }
            return arff;
        }
        if (!featureColumns.isEmpty() || weightColumn != null || noHeader || header || labelColumn != null
                || naValues != null || !categorical.isEmpty()) {
            throw new InvalidInputException("--columns, --weight-column, --label-column, --na-values, --categorical and "
                    + "--no-header apply to CSV/TSV (and --columns, --label-column to ARFF) input only");
        }
        if (name.endsWith(".npy")) {
            return new NpySource(input);
        }
        if (name.endsWith(".npz")) {
            return new NpzSource(input);
        }
        throw new InvalidInputException(input + ": unsupported input format (use .csv, .tsv, .npy, .npz, .arff, .svm, "
                + ".svmlight or .libsvm)");
    }

    /** True if the input is an svmlight file, by its extension. */
    boolean svmlight() {
        String name = input.getFileName().toString().toLowerCase(Locale.ROOT);
        return !fromStandardInput() && SvmlightSource.EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    private SvmlightSource.IndexBase indexBase() {
        return switch (indexBase) {
            case "auto" -> SvmlightSource.IndexBase.AUTO;
            case "0" -> SvmlightSource.IndexBase.ZERO;
            case "1" -> SvmlightSource.IndexBase.ONE;
            default -> throw new UsageException("--index-base: expected auto, 0 or 1, got '" + indexBase + "'");
        };
    }
}
