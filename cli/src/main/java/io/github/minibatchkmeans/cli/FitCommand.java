package io.github.minibatchkmeans.cli;

import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.KSweep;
import io.github.minibatchkmeans.core.MiniBatchKMeans;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.io.ModelJson;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import io.github.minibatchkmeans.core.FitState;
import io.github.minibatchkmeans.core.Mode;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fit}: cluster a file, streaming it from disk. */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false, modelTransformer = ConfigOptions.AddTo.class,
        description = "Cluster a .csv, .tsv, .npy or .arff file without loading it into memory.")
final class FitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input = new InputOptions();

    @Mixin
    ReportOptions report = new ReportOptions();

    @Option(names = "--centroids-out", paramLabel = "FILE.csv", description = "Write the centroids, one per line, no header.")
    Path centroidsOut;

    @Option(names = "--labels-out", paramLabel = "FILE", description = "Write one label per input row, in input order.")
    Path labelsOut;

    @Option(names = "--model-out", paramLabel = "FILE", description = "Save the model as JSON (load it with predict). With "
            + "--k MIN:MAX, the recommended k's model; a name with {k} saves every k's model, {k} replaced by the k.")
    Path modelOut;

    @Option(names = "--plot", paramLabel = "FILE.png|.jpg",
            description = "Draw convergence and a scatter of a sample by cluster (PNG or JPEG, by the extension); with "
                    + "--k MIN:MAX, the scores against k.")
    Path plot;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Exact mode: save the fit's state after every pass (atomically), to continue after a crash or kill with --resume.")
    Path checkpoint;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue the fit saved in this checkpoint: same data and options (threads and batch size may differ); "
                    + "the result equals an uninterrupted fit's, bit for bit.")
    Path resume;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        KMeansConfig config = ConfigOptions.toConfig(spec);
        if (input.fromStandardInput()) {
            if (config.choosesK()) {
                throw new UsageException("--k: a sweep over k (MIN:MAX) passes over the data several times, and --input - is read once");
            }
            for (Object[] needsTwo : new Object[][] {{"--labels-out", labelsOut}, {"--plot", plot}, {"--label-column", input.labelColumn}}) {
                if (needsTwo[1] != null) {
                    throw new UsageException(needsTwo[0] + ": needs a second read of the input, and --input - is read once");
                }
            }
        }
        if ((checkpoint != null || resume != null) && (config.mode() != Mode.EXACT
                || input.fromStandardInput())) {
            throw new UsageException((checkpoint != null ? "--checkpoint" : "--resume")
                    + ": checkpoints are for exact mode over a file (a fit that reads its input pass after pass)");
        }
        if (input.fromStandardInput() && !report.quiet && config.mode() != Mode.ONE_PASS) {
            err.println(config.mode() == Mode.EXACT
                    ? "standard input is read once: fitted in one pass (mode one-pass); exact Lloyd iterations need a file"
                    : "standard input is read once: one epoch, and the inertia is the streamed estimate (each mini-batch "
                            + "against the centroids before its step)");
        }
        boolean sweeping = config.choosesK();
        if (sweeping && (checkpoint != null || resume != null)) {
            throw new UsageException((checkpoint != null ? "--checkpoint" : "--resume") + ": a sweep over k (--k MIN:MAX) is not "
                    + "checkpointed; fit one k to checkpoint");
        }
        boolean modelPerK = modelOut != null && modelOut.toString().contains("{k}");
        if (modelPerK && !sweeping) {
            throw new UsageException("--model-out: {k} in " + modelOut + " names one file per k of a sweep; give --k MIN:MAX");
        }
        String plotFormat = plot == null ? null : FitPlot.format(plot);
        input.readAs(config);
        BatchSource source = input.open();
        config = InputOptions.withNominalColumns(config, source);
        try (Outputs outputs = new Outputs().reading("--input", input.input).reading("--init", ConfigOptions.initFile(spec))
                .reading("--resume", resume)) {
            Path checkpointFile = outputs.reserve("--checkpoint", checkpoint, "--resume");
            FitState resumeFrom = resume == null ? null : Checkpoints.read(resume);
            AtomicFile centroids = outputs.create("--centroids-out", centroidsOut);
            AtomicFile labels = outputs.create("--labels-out", labelsOut);
            AtomicFile model = modelPerK ? null : outputs.create("--model-out", modelOut);
            java.util.Map<Integer, AtomicFile> models = new java.util.LinkedHashMap<>();
            if (modelPerK) {
                for (int k : config.kValues()) {
                    models.put(k, outputs.create("--model-out", Path.of(modelOut.toString().replace("{k}", Integer.toString(k)))));
                }
            }
            AtomicFile picture = outputs.create("--plot", plot);
            io.github.minibatchkmeans.core.ProgressListener progress = report.progress(err);
            PassCounter passes = new PassCounter(progress);
            HeapPeak.reset();
            long start = System.nanoTime();
            KMeansModel fitted;
            KSweep sweep = null;
            try {
                if (sweeping) {
                    sweep = new MiniBatchKMeans(config, passes).sweep(source);
                    fitted = sweep.recommended();
                } else {
                    fitted = new MiniBatchKMeans(config, passes).fit(source, resumeFrom, Checkpoints.writer(checkpointFile));
                }
            } finally {
                if (progress instanceof ProgressBars bars) {
                    bars.close(); // a bar cut short by an error ends its line before the message
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            InputOptions.noteMissingValues(source, fitted, err); // a change to the data: said even with --quiet
            long peakHeap = HeapPeak.bytes();
            if (labels != null) {
                try (BufferedWriter w = labels.writer()) {
                    fitted.predict(source, (row, label, distance) -> {
                        w.write(Integer.toString(label));
                        w.write('\n');
                    });
                }
            }
            if (centroids != null) {
                try (BufferedWriter w = centroids.writer()) {
                    CentersFile.write(fitted, w);
                }
            }
            if (model != null) {
                ModelJson.write(fitted, InputOptions.featureNames(source), model.stream());
            }
            for (var perK : models.entrySet()) {
                ModelJson.write(sweep.model(perK.getKey()), InputOptions.featureNames(source), perK.getValue().stream());
            }
            LabelColumn labelColumn = LabelColumn.read(source);
            LabelColumn.Agreement agreement = labelColumn == null ? null : labelColumn.agreement(fitted, source);
            if (picture != null && sweep != null) {
                FitPlot.writeSweep(sweep, picture.stream(), plotFormat);
            } else if (picture != null) {
                PlotSample.write(fitted, passes.starts(), source, labelColumn, config.seed(), picture.stream(), plotFormat);
            }
            outputs.commitAll();
            FitReport result = new FitReport(source.name(), passes.rows(), source.dimensions(), config, fitted,
                    passes.count(), passes.starts(), seconds, peakHeap, agreement, sweep, InputOptions.missingValues(source, fitted));
            if (sweep != null && !report.quiet && !report.json) {
                err.println(sweep.table());
            }
            if (report.json) {
                out.println(result.toJson());
            } else if (!report.quiet) {
                result.print(out);
            }
        }
        return 0;
    }

}
