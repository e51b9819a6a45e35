package io.github.minibatchkmeans.cli;

import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.MiniBatchKMeans;
import io.github.minibatchkmeans.core.NpySource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the whole idea in one run. Writes Gaussian blobs twice the size of the JVM's heap
 * to a temporary folder, clusters them out of core, shows what that cost and how well it recovered
 * the generating clusters, and deletes the data.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate blobs larger than the heap, cluster them out of core, report, clean up.")
final class DemoCommand implements Callable<Integer> {
    private static final int DIMS = 16;
    private static final int CLUSTERS = 8;
    private static final long MIN_BYTES = 64L << 20;
    private static final long MAX_BYTES = 2L << 30;

    @Spec
    CommandSpec spec;

    @Option(names = "--quiet", description = "No progress lines.")
    boolean quiet;

    @Option(names = "--json", description = "Print the result as one JSON object on stdout instead of the report.")
    boolean json;

    @Option(names = "--plot", paramLabel = "FILE.png|.jpg", defaultValue = "minibatch-kmeans-demo.png",
            description = "Where to draw the fit (default: ${DEFAULT-VALUE} in the current folder).")
    Path plot;

    /** The numbers {@code demo --json} prints. */
    record Result(long rows, int dims, int k, long dataBytes, long maxHeapBytes, long peakHeapBytes, int iterations,
                  int passes, double seconds, double rowsPerSecond, double inertia, double adjustedRandIndex, String plot,
                  String kernel) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = json ? new PrintWriter(java.io.Writer.nullWriter()) : spec.commandLine().getOut();
        long maxHeap = Runtime.getRuntime().maxMemory();
        long bytes = Math.min(MAX_BYTES, Math.max(MIN_BYTES, 2 * maxHeap));
        long rows = bytes / (8L * DIMS);
        Path dir = Files.createTempDirectory("minibatch-kmeans-demo");
        try {
            Path file = dir.resolve("blobs.npy");
            Blobs blobs = new Blobs(DIMS, CLUSTERS, 7);
            out.printf(Locale.ROOT, "demo: max heap %s; writing %,d rows x %d columns of Gaussian blobs (%s) to %s%n",
                    mb(maxHeap), rows, DIMS, mb(bytes), file);
            out.flush();
            long t0 = System.nanoTime();
            long size = GenerateCommand.write(blobs, rows, file);
            out.printf(Locale.ROOT, "      written in %.1f s; the data is %.1fx the max heap%n", (System.nanoTime() - t0) / 1e9,
                    size / (double) maxHeap);

            HeapPeak.reset();
            KMeansConfig config = KMeansConfig.builder(CLUSTERS).seed(1).build();
            PassCounter passes = new PassCounter(quiet ? e -> { } : new ReportOptions().progress(spec.commandLine().getErr()));
            long start = System.nanoTime();
            NpySource source = new NpySource(file);
            KMeansModel model = new MiniBatchKMeans(config, passes).fit(source);
            double seconds = (System.nanoTime() - start) / 1e9;
            long peak = HeapPeak.bytes();

            AdjustedRandIndex ari = new AdjustedRandIndex(CLUSTERS, CLUSTERS);
            model.predict(source, (row, label, distance) -> ari.add(blobs.label(row), label));

            out.printf(Locale.ROOT, "fit:  exact k-means, k = %d, k-means++ init, %d threads, %s distance kernel%n", CLUSTERS,
                    config.threads(), MiniBatchKMeans.distanceKernel());
            out.printf(Locale.ROOT, "      %s after %d iterations: %d passes over %,d rows in %.2f s (%,.0f rows/s)%n",
                    model.converged() ? "converged" : "stopped", model.iterations(), passes.count(), rows, seconds,
                    rows * (double) passes.count() / seconds);
            out.printf(Locale.ROOT, "      peak heap %s while clustering %s of data (%.0f%% of its size)%n", mb(peak), mb(size),
                    100.0 * peak / size);
            out.printf(Locale.ROOT, "      inertia %.6g (%.3f per row and feature; the blobs have unit variance)%n",
                    model.inertia(), model.inertia() / rows / DIMS);
            out.printf(Locale.ROOT, "      adjusted Rand index vs the generating blobs: %.4f%n", ari.value());
            try (AtomicFile picture = new AtomicFile(plot)) {
                PlotSample.write(model, passes.starts(), source, null, config.seed(), picture.stream(), FitPlot.format(plot));
                picture.commit();
            }
            out.printf("plot: %s (convergence, and a sample coloured by cluster)%n", plot.toAbsolutePath());
            if (json) {
                spec.commandLine().getOut().println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                        new Result(rows, DIMS, CLUSTERS, size, maxHeap, peak, model.iterations(), passes.count(), seconds,
                                rows * (double) passes.count() / seconds, model.inertia(), ari.value(),
                                plot.toAbsolutePath().toString(), MiniBatchKMeans.distanceKernel())));
            }
        } finally {
            deleteRecursively(dir);
            out.printf("      deleted %s%n", dir);
        }
        return 0;
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.0f MB", bytes / 1048576.0);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
