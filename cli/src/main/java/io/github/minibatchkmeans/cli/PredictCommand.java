package io.github.minibatchkmeans.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.MissingValues;
import io.github.minibatchkmeans.core.Parameters;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import io.github.minibatchkmeans.io.CsvOptions;
import io.github.minibatchkmeans.io.CsvSource;
import io.github.minibatchkmeans.io.ModelJson;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code predict}: stream a file through a saved model, in constant memory. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Label every row of a file with the nearest centroid of a saved model.")
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A model saved by fit --model-out.")
    Path modelFile;

    @Mixin
    InputOptions input = new InputOptions();

    @Option(names = "--labels-out", paramLabel = "FILE", description = "One label per input row, in input order.")
    Path labelsOut;

    @Option(names = "--distances-out", paramLabel = "FILE", description = "Euclidean distance of each row to every centroid, as CSV.")
    Path distancesOut;

    @Mixin
    ReportOptions report = new ReportOptions();

    @Option(names = "--missing", paramLabel = "error|impute|ignore", description = "A missing value (CSV: an empty field, a "
            + "marker, NaN; ARFF: ?; NaN in .npy): an error naming its place, the training data's mean (the model's centroids "
            + "weighted by their sizes), or left out (the row measured over the features it has). Default: as the model was "
            + "fitted (impute unless it was fitted with --missing ignore).")
    String missing;

    /**
     * The input as the model's columns, by name, unless --columns says otherwise: a CSV file's
     * parser picks them; standard input with a header and ARFF files (nominal values in any order)
     * are mapped by name; a source without names (.npy, headerless CSV) is taken by position.
     */
    private BatchSource open(List<String> modelColumns, KMeansModel model) {
        if (!input.columns.isEmpty() || modelColumns == null) {
            return input.open(input.columns);
        }
        String name = input.input.toString().toLowerCase(Locale.ROOT);
        if (!input.fromStandardInput() && (name.endsWith(".csv") || name.endsWith(".tsv"))) {
            List<String> header = new CsvSource(input.input, CsvOptions.forFile(input.input).withLabelColumn(input.labelColumn))
                    .featureNames();
            ModelCategories columns = ModelCategories.of(modelColumns, header, model);
            input.categoriesAs(columns.categorical());
            return input.open(columns.columns());
        }
        BatchSource source = input.open();
        List<String> names = InputOptions.featureNames(source);
        return names == null ? source : ColumnsByName.of(source, names, modelColumns);
    }

    @Override
    public Integer call() throws Exception {
        if (input.fromStandardInput() && input.labelColumn != null) {
            throw new UsageException("--label-column: needs a second read of the input, and --input - is read once");
        }
        if (missing != null) {
            input.missing = ConfigOptions.parseChoice(Parameters.MISSING, missing);
        }
        ModelJson.Stored stored = ModelJson.load(modelFile);
        KMeansModel model = stored.model();
        if (missing != null && input.missing != MissingValues.ERROR) { // said here: fill in or leave out, whatever the fit did
            model = model.toBuilder().missing(input.missing).build();
        }
        // ARFF attributes read with the model's one-hot value (its γ), missing values as the model takes them
        KMeansConfig.Builder reading = KMeansConfig.builder(model.k()).missing(missing != null ? input.missing : model.missing());
        double one = stored.columns() == null ? Double.NaN : ModelCategories.oneHotValue(stored.columns(), model);
        input.readAs((one > 0 ? reading.nominalWeight(2 * one * one) : reading).build());
        if (input.features == 0 && input.svmlight()) {
            input.features = model.dimensions(); // an svmlight file as wide as the model, whatever its largest index
        }
        BatchSource source = open(stored.columns(), model);
        if (source.dimensions() != model.dimensions()) {
            throw new InvalidInputException(source.name() + ": " + source.dimensions() + " feature columns, but the model has "
                    + model.dimensions() + " dimensions" + (stored.columns() == null ? "" : " (" + String.join(", ", stored.columns()) + ")"));
        }
        LabelColumn labelColumn = LabelColumn.read(source);
        AdjustedRandIndex table = labelColumn == null ? null : labelColumn.table(model.k());
        long[] counts = new long[model.k()];
        double[] inertia = new double[1];
        long start = System.nanoTime();
        try (Outputs outputs = new Outputs().reading("--input", input.input).reading("--model", modelFile)) {
            AtomicFile labelsFile = outputs.create("--labels-out", labelsOut);
            AtomicFile distancesFile = outputs.create("--distances-out", distancesOut);
            BufferedWriter labels = labelsFile == null ? null : labelsFile.writer();
            BufferedWriter distances = distancesFile == null ? null : distancesFile.writer();
            if (distances == null) {
                model.predict(source, (i, label, squared) -> {
                    counts[label]++;
                    inertia[0] += squared;
                    writeLabel(labels, label);
                    tally(table, labelColumn, i, label);
                });
            } else {
                model.transform(source, (i, label, euclidean) -> {
                    counts[label]++;
                    inertia[0] += euclidean[label] * euclidean[label];
                    writeLabel(labels, label);
                    tally(table, labelColumn, i, label);
                    for (int c = 0; c < euclidean.length; c++) {
                        if (c > 0) {
                            distances.write(',');
                        }
                        distances.write(Double.toString(euclidean[c]));
                    }
                    distances.write('\n');
                });
            }
            if (labels != null) {
                labels.flush();
            }
            if (distances != null) {
                distances.flush();
            }
            outputs.commitAll();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long rows = java.util.Arrays.stream(counts).sum();
        PrintWriter out = spec.commandLine().getOut();
        LabelColumn.Agreement agreement = table == null ? null : labelColumn.agreement(table);
        if (report.json) {
            out.println(new ObjectMapper().writeValueAsString(new Result(model.k(), rows, inertia[0], counts, seconds,
                    agreement == null ? null : agreement.labelColumn(), agreement == null ? null : agreement.adjustedRandIndex(),
                    agreement == null ? null : agreement.purity())));
        } else if (!report.quiet) {
            out.printf(Locale.ROOT, "%s: %,d rows labelled in %.2f s, inertia %.6g%n", source.name(), rows, seconds, inertia[0]);
            if (agreement != null) {
                out.println(agreement.describe());
            }
        }
        return 0;
    }

    /** Counts row {@code i}'s class against its cluster, when there is a label column. */
    private static void tally(AdjustedRandIndex table, LabelColumn labels, long i, int label) {
        if (table != null) {
            table.add(labels.truth()[(int) i], label);
        }
    }

    private static void writeLabel(BufferedWriter labels, int label) throws java.io.IOException {
        if (labels != null) {
            labels.write(Integer.toString(label));
            labels.write('\n');
        }
    }

    /** The JSON printed by {@code predict --json}: "sizes", as fit --json names them; the label fields only with a label column. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record Result(int k, long rows, double inertia, long[] sizes, double seconds, String labelColumn, Double adjustedRandIndex,
                  Double purity) {
    }
}
