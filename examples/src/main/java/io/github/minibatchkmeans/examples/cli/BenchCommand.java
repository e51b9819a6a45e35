package io.github.minibatchkmeans.examples.cli;

import io.github.minibatchkmeans.core.Initializers;
import io.github.minibatchkmeans.core.InvalidConfigException;
import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.MiniBatchKMeans;
import io.github.minibatchkmeans.core.ProgressEvent;
import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: times EXACT iterations (assign every row, fold sums and counts, move the
 * centroids) over a file from its first k rows, the first iteration being the warm-up, and reports
 * rows/s, MB/s of input and GFLOP/s of the distance kernel (2·n·k·d flops per pass).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time exact k-means passes over a file: rows/s, MB/s, GFLOP/s.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input = new InputOptions();

    @Option(names = "--k", required = true, paramLabel = "K", description = "Number of centroids (starting at the first K rows).")
    int k;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads; default: all processors.")
    Integer threads;

    @Option(names = "--batch-size", defaultValue = "4096", paramLabel = "B", description = "Rows per batch; default 4096.")
    int batchSize;

    @Option(names = "--passes", defaultValue = "3", paramLabel = "P", description = "Timed passes; default 3.")
    int passes;

    @Option(names = "--json", description = "Print the measurement as one JSON object.")
    boolean json;

    /** What {@code bench --json} prints. */
    record Result(String input, long rows, int dims, int k, int threads, int batchSize, int passes, double seconds,
                  double rowsPerSecond, double megabytesPerSecond, double gflops) {
    }

    @Override
    public Integer call() throws IOException {
        if (passes < 1) {
            throw new UsageException("--passes: must be >= 1, got " + passes);
        }
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        BatchSource source = input.open();
        double[][] start = firstRows(source, k);
        KMeansConfig config;
        try {
            config = KMeansConfig.builder(k).initializer(Initializers.explicit(start)).maxIterations(passes + 1).tolerance(0)
                    .threads(workers).batchSize(batchSize).build();
        } catch (InvalidConfigException e) {
            throw UsageException.of(e);
        }
        long fileBytes = Files.size(input.input);
        IterationTimer timer = new IterationTimer();
        new MiniBatchKMeans(config, timer).fit(source);
        if (timer.seconds.size() < 2) {
            throw new InvalidInputException(source.name() + ": converged after one iteration: nothing to time (try a larger --k)");
        }
        List<Double> timed = new ArrayList<>(timer.seconds.subList(1, timer.seconds.size())); // the first is the warm-up
        timed.sort(null);
        double median = timed.get(timed.size() / 2);
        long rows = timer.rows;
        int d = source.dimensions();
        Result result = new Result(source.name(), rows, d, k, workers, batchSize, timed.size(), median, rows / median,
                fileBytes / median / 1e6, 2.0 * rows * k * d / median / 1e9);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(result));
            return 0;
        }
        out.printf(Locale.ROOT, "%s: %,d rows x %d columns, k = %d, %d threads, batch %d%n", source.name(), rows, d, k,
                workers, batchSize);
        out.printf(Locale.ROOT, "one exact pass (median of %d): %.3f s, %,.0f rows/s, %.0f MB/s, %.2f GFLOP/s%n", timed.size(),
                median, result.rowsPerSecond(), result.megabytesPerSecond(), result.gflops());
        return 0;
    }

    /** Seconds between the ends of consecutive passes, for the iteration passes. */
    private static final class IterationTimer implements io.github.minibatchkmeans.core.ProgressListener {
        final List<Double> seconds = new ArrayList<>();
        long rows;
        private long lastEnd;

        @Override
        public void onProgress(ProgressEvent e) {
            if (!e.finished()) {
                return;
            }
            long now = System.nanoTime();
            if (e.stage() == ProgressEvent.Stage.ITERATION) {
                seconds.add((now - lastEnd) / 1e9);
                rows = e.rowsDone();
            }
            lastEnd = now;
        }
    }

    private static double[][] firstRows(BatchSource source, int k) throws IOException {
        if (k < 1) {
            throw new UsageException("--k: must be >= 1, got " + k);
        }
        int d = source.dimensions();
        double[][] centers = new double[k][];
        double[] row = new double[d];
        double[] weight = new double[1];
        try (BatchReader reader = source.open()) {
            for (int c = 0; c < k; c++) {
                if (reader.read(row, weight, 1) == 0) {
                    throw new InvalidInputException("--k: " + k + " is larger than the number of rows (" + c + ") in "
                            + source.name());
                }
                centers[c] = row.clone();
            }
        }
        return centers;
    }
}
