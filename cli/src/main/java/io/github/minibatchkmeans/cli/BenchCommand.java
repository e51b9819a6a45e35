package io.github.minibatchkmeans.cli;

import io.github.minibatchkmeans.core.ArraySource;
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
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: a benchmark, not a test. Alone, it times EXACT iterations over a file (or
 * generated blobs) from its first k rows, the first iteration being the warm-up, and reports
 * rows/s, MB/s of input and GFLOP/s of the distance kernel (2·n·k·d flops per pass). With
 * {@code --peers} it races our engine against the toolkits' own k-means ({@link PeerRaces}, in the
 * benchmarks jar).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time exact k-means passes: rows/s, MB/s, GFLOP/s; with --peers, against ELKI, Tribuo and Weka.",
                "Data: --input FILE, or blobs generated in memory with --rows and --dims."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Data data;

    /** A file, or generated blobs. */
    static final class Data {
        @ArgGroup(exclusive = false)
        InputOptions file;

        @ArgGroup(exclusive = false)
        Generated generated;
    }

    /** Gaussian blobs made in memory. */
    static final class Generated {
        @Option(names = "--rows", required = true, paramLabel = "N", description = "Generate N rows of Gaussian blobs.")
        long rows;

        @Option(names = "--dims", required = true, paramLabel = "D", description = "Columns of the generated rows.")
        int dims;

        @Option(names = "--clusters", paramLabel = "C", description = "Blobs to generate; default: --k.")
        Integer clusters;

        @Option(names = "--cluster-std", defaultValue = "1", paramLabel = "S",
                description = "Standard deviation of each blob (centers uniform in [-10, 10]); default 1.")
        double std;
    }

    @Option(names = "--k", required = true, paramLabel = "K|MIN:MAX[:STEP]", description = "Number of centroids; a range "
            + "times a sweep over k against a separate fit of each k (same settings and seed, same JVM).")
    String kOption;

    /** The k of the timed passes (a sweep's smallest). */
    int k;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads; default: all processors, 1 with --peers.")
    Integer threads;

    @Option(names = "--batch-size", defaultValue = "4096", paramLabel = "B", description = "Rows per batch; default 4096.")
    int batchSize;

    @Option(names = "--passes", defaultValue = "3", paramLabel = "P", description = "Timed passes; default 3.")
    int passes;

    @Option(names = "--peers", arity = "0..1", fallbackValue = PeerRaces.ALL, split = ",", paramLabel = "LIST",
            description = "Race the toolkits' k-means from the same start on the same rows: any of "
                    + PeerRaces.ALL + " (default: all). Needs the toolkits: run it from "
                    + "benchmarks/target/minibatch-kmeans-benchmarks.jar.")
    List<String> peers;

    @Option(names = "--max-iter", defaultValue = "300", paramLabel = "N", description = "With --peers: iteration cap; default 300.")
    int maxIterations;

    @Option(names = "--repeat", defaultValue = "3", paramLabel = "R",
            description = "With --peers: runs of each, the fastest counts; else fits timed, the fastest first pass counts; default 3.")
    int repeat;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the data and the start; default 1.")
    long seed;

    @Option(names = "--json", description = "Print the measurement as one JSON object.")
    boolean json;

    /** What {@code bench --json} prints without {@code --peers}. */
    record Result(String input, long rows, int dims, int k, int threads, int batchSize, int passes, double seconds,
                  double rowsPerSecond, double megabytesPerSecond, double gflops, String kernel, double firstPassSeconds,
                  double coldFirstPassSeconds, double firstPassMegabytesPerSecond) {
    }

    @Override
    public Integer call() throws Exception {
        int[] range = ConfigOptions.parseK(kOption);
        k = range[0];
        if (k < 1) {
            throw new UsageException("--k: must be >= 1, got " + k);
        }
        if (data.generated != null && (data.generated.rows < 1 || data.generated.dims < 1)) {
            throw new UsageException("--rows and --dims: must be >= 1");
        }
        if (data.generated != null) {
            Blobs.checkStd(data.generated.std);
        }
        if (repeat < 1) {
            throw new UsageException("--repeat: must be >= 1, got " + repeat);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (range[1] != 0) {
            if (peers != null) {
                throw new UsageException("--peers: races one k; a range times a sweep over k");
            }
            KMeansConfig config;
            try {
                config = KMeansConfig.builder(k).kMax(range[1]).kStep(range[2]).seed(seed).maxIterations(maxIterations)
                        .threads(threads == null ? 1 : threads).batchSize(batchSize).build();
            } catch (InvalidConfigException e) {
                throw UsageException.of(e);
            }
            BatchSource source = data.file != null ? data.file.open() : ArraySource.of(generate(data.generated));
            SweepBenchmark.run(source, config, repeat, out, json);
            return 0;
        }
        if (peers != null) {
            PeerRaces races = PeerRaces.load().orElseThrow(() -> new UsageException("--peers: the toolkits' k-means are not in "
                    + "this jar; run bench --peers from benchmarks/target/minibatch-kmeans-benchmarks.jar (build it with mvn package)"));
            int workers = threads == null ? 1 : threads;
            double[][] rows = data.file != null ? readAll(data.file.open()) : generate(data.generated);
            String name = data.file != null ? data.file.input.toString() : generatedName(data.generated);
            races.race(name, rows, data.file == null ? null : data.file::open, k, workers, maxIterations, seed, peers, repeat, out,
                    json);
            return 0;
        }
        return timePasses(out, threads == null ? Runtime.getRuntime().availableProcessors() : threads);
    }

    private int timePasses(PrintWriter out, int workers) throws IOException {
        if (passes < 1) {
            throw new UsageException("--passes: must be >= 1, got " + passes);
        }
        BatchSource source = data.file != null ? data.file.open() : ArraySource.of(generate(data.generated));
        double[][] start = firstRows(source, k);
        KMeansConfig config;
        try {
            config = KMeansConfig.builder(k).initializer(Initializers.explicit(start)).maxIterations(passes + 1).tolerance(0)
                    .threads(workers).batchSize(batchSize).pruning(io.github.minibatchkmeans.core.Pruning.OFF).build();
        } catch (InvalidConfigException e) {
            throw UsageException.of(e);
        }
        IterationTimer timer = null;
        List<Double> firstPasses = new ArrayList<>();
        for (int fit = 0; fit < repeat; fit++) { // the first pass reads the source (the rows are kept after it): cold, then warm
            timer = new IterationTimer();
            new MiniBatchKMeans(config, timer).fit(source);
            firstPasses.add(timer.firstPass);
        }
        if (timer.seconds.size() < 2) {
            throw new InvalidInputException(source.name() + ": converged after one iteration: nothing to time (try a larger --k)");
        }
        List<Double> timed = new ArrayList<>(timer.seconds.subList(1, timer.seconds.size())); // the first is the warm-up
        timed.sort(null);
        double median = timed.get(timed.size() / 2);
        long rows = timer.rows;
        int d = source.dimensions();
        long bytes = data.file != null ? Files.size(data.file.input) : rows * d * 8L;
        double firstPass = firstPasses.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        Result result = new Result(source.name(), rows, d, k, workers, batchSize, timed.size(), median, rows / median,
                bytes / median / 1e6, 2.0 * rows * k * d / median / 1e9, MiniBatchKMeans.distanceKernel(), firstPass,
                firstPasses.get(0), bytes / firstPass / 1e6);
        if (json) {
            out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(result));
            return 0;
        }
        out.printf(Locale.ROOT, "%s: %,d rows x %d columns, k = %d, %d threads, batch %d, %s kernel%n", source.name(), rows, d,
                k, workers, batchSize, result.kernel());
        out.printf(Locale.ROOT, "first pass (statistics, reading the %s): %.3f s, %.0f MB/s (fastest of %d fits; the first fit's: %.3f s)%n",
                data.file != null ? "file" : "rows", firstPass, result.firstPassMegabytesPerSecond(), repeat, firstPasses.get(0));
        out.printf(Locale.ROOT, "one exact pass (median of %d): %.3f s, %,.0f rows/s, %.0f MB/s, %.2f GFLOP/s%n", timed.size(),
                median, result.rowsPerSecond(), result.megabytesPerSecond(), result.gflops());
        return 0;
    }

    private String generatedName(Generated g) {
        return String.format(Locale.ROOT, "blobs(rows=%d, dims=%d, clusters=%d, std=%s, seed=%d)", g.rows, g.dims,
                clusters(g), g.std, seed);
    }

    private int clusters(Generated g) {
        return g.clusters == null ? k : g.clusters;
    }

    private double[][] generate(Generated g) {
        if (g.rows > Integer.MAX_VALUE - 8) {
            throw new UsageException("--rows: at most " + (Integer.MAX_VALUE - 8) + " rows are generated in memory");
        }
        Blobs blobs = new Blobs(g.dims, clusters(g), seed, g.std);
        double[][] rows = new double[(int) g.rows][g.dims];
        for (int i = 0; i < rows.length; i++) {
            blobs.fill(i, rows[i], 0);
        }
        return rows;
    }

    /** All rows of {@code source} in memory (the peers cluster arrays). */
    private static double[][] readAll(BatchSource source) throws IOException {
        int d = source.dimensions();
        List<double[]> rows = new ArrayList<>();
        double[] weight = new double[1];
        try (BatchReader reader = source.open()) {
            for (double[] row = new double[d]; reader.read(row, weight, 1) == 1; row = new double[d]) {
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            throw new InvalidInputException(source.name() + ": no rows");
        }
        return rows.toArray(double[][]::new);
    }

    /** Seconds between the ends of consecutive passes, for the iteration passes; the statistics pass's from the start. */
    private static final class IterationTimer implements io.github.minibatchkmeans.core.ProgressListener {
        final List<Double> seconds = new ArrayList<>();
        long rows;
        /** Seconds from the fit's start to the end of its statistics pass. */
        double firstPass;
        private final long start = System.nanoTime();
        private long lastEnd;

        @Override
        public void onProgress(ProgressEvent e) {
            if (!e.finished()) {
                return;
            }
            long now = System.nanoTime();
            if (e.stage() == ProgressEvent.Stage.SUMMARY) {
                firstPass = (now - start) / 1e9;
            }
            if (e.stage() == ProgressEvent.Stage.ITERATION) {
                seconds.add((now - lastEnd) / 1e9);
                rows = e.rowsDone();
            }
            lastEnd = now;
        }
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
