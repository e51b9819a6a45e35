package io.github.minibatchkmeans.examples.cli;

import io.github.minibatchkmeans.core.engine.LloydTask;
import io.github.minibatchkmeans.core.pass.PassRunner;
import io.github.minibatchkmeans.core.source.BatchReader;
import io.github.minibatchkmeans.core.source.BatchSource;
import io.github.minibatchkmeans.core.source.InvalidInputException;
import io.github.minibatchkmeans.core.stats.ClusterStatistics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: times single EXACT passes (assign every row, fold sums and counts) over a file,
 * after one warm-up pass, and reports rows/s, MB/s of input and GFLOP/s of the distance kernel
 * (2·n·k·d flops per pass).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time one exact k-means pass over a file: rows/s, MB/s, GFLOP/s.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input = new InputOptions();

    @Option(names = "--k", required = true, paramLabel = "K", description = "Number of centroids (the first K rows).")
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
    record Result(String input, long rows, int dims, int k, int threads, int batchSize, double seconds, double rowsPerSecond,
                  double megabytesPerSecond, double gflops) {
    }

    @Override
    public Integer call() throws IOException {
        if (k < 1) {
            throw new UsageException("--k: must be >= 1, got " + k);
        }
        if (passes < 1) {
            throw new UsageException("--passes: must be >= 1, got " + passes);
        }
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        BatchSource source = input.open();
        double[][] centers = firstRows(source, k);
        long fileBytes = Files.size(input.input);
        PrintWriter out = spec.commandLine().getOut();
        double[] seconds = new double[passes];
        long rows = 0;
        try (PassRunner runner = new PassRunner(workers, batchSize)) {
            LloydTask.pass(runner, source, centers, 0, null); // warm-up: JIT and page cache
            for (int p = 0; p < passes; p++) {
                long start = System.nanoTime();
                ClusterStatistics stats = LloydTask.pass(runner, source, centers, 0, null);
                seconds[p] = (System.nanoTime() - start) / 1e9;
                rows = Math.round(Arrays.stream(stats.weights()).sum());
            }
        }
        Arrays.sort(seconds);
        double median = seconds[passes / 2];
        int d = source.dimensions();
        Result result = new Result(source.name(), rows, d, k, workers, batchSize, median, rows / median,
                fileBytes / median / 1e6, 2.0 * rows * k * d / median / 1e9);
        if (json) {
            out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(result));
            return 0;
        }
        out.printf(Locale.ROOT, "%s: %,d rows x %d columns, k = %d, %d threads, batch %d%n", source.name(), rows, d, k,
                workers, batchSize);
        out.printf(Locale.ROOT, "one exact pass (median of %d): %.3f s, %,.0f rows/s, %.0f MB/s, %.2f GFLOP/s%n", passes,
                median, result.rowsPerSecond(), result.megabytesPerSecond(), result.gflops());
        return 0;
    }

    private static double[][] firstRows(BatchSource source, int k) throws IOException {
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
