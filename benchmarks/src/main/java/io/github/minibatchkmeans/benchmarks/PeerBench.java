package io.github.minibatchkmeans.benchmarks;

import io.github.minibatchkmeans.cli.AdjustedRandIndex;
import io.github.minibatchkmeans.cli.PeerRaces;
import io.github.minibatchkmeans.cli.UsageException;
import io.github.minibatchkmeans.core.ArraySource;
import io.github.minibatchkmeans.core.Initializers;
import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.MiniBatchKMeans;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench --peers}: our EXACT engine (pruning off, then as configured by default) against the
 * toolkits' k-means on the same in-memory rows, one JVM, one after the other. Everything that takes
 * a start gets ours (k-means++ from the seed) and at most our iteration count; each line reports
 * seconds per iteration, the ratio to ours, and how far its final partition is from ours. Each
 * runs {@code repeat} times and the fastest counts: timings on shared machines are noisy upwards.
 */
final class PeerBench {
    private static final int WARM_UP_ROWS = 20_000;

    private final String dataName;
    private final double[][] rows;
    private final int k;
    private final int threads;
    private final int maxIterations;
    private final long seed;
    private final List<String> peers;
    private final int repeat;

    PeerBench(String dataName, double[][] rows, int k, int threads, int maxIterations, long seed, List<String> peers,
              int repeat) {
        for (String peer : peers) {
            if (!Arrays.asList(PeerRaces.ALL.split(",")).contains(peer)) {
                throw new UsageException("--peers: unknown peer '" + peer + "' (use any of " + PeerRaces.ALL + ")");
            }
        }
        if (repeat < 1) {
            throw new UsageException("--repeat: must be >= 1, got " + repeat);
        }
        if (maxIterations < 1) {
            throw new UsageException("--max-iter: must be >= 1, got " + maxIterations);
        }
        if (k > rows.length) {
            throw new UsageException("--k: " + k + " is larger than the number of rows (" + rows.length + ")");
        }
        this.dataName = dataName;
        this.rows = rows;
        this.k = k;
        this.threads = threads;
        this.maxIterations = maxIterations;
        this.seed = seed;
        this.peers = peers;
        this.repeat = repeat;
    }

    /** One line of the table. */
    record Line(String name, String start, int iterations, double seconds, double secondsPerIteration, double timesOurs,
                double timesOursPlain, long rowsUnmatched, double adjustedRandIndex) {
    }

    /** What {@code bench --peers --json} prints. */
    record Report(String data, int rows, int dims, int k, int threads, int repeat, String kernel, String machine, String java,
                  List<Line> runs) {
    }

    void run(PrintWriter out, boolean json) throws Exception {
        double[][] start = new MiniBatchKMeans(KMeansConfig.builder(k).seed(seed).threads(threads).build())
                .initialCenters(ArraySource.of(rows));
        warmUp(start);
        List<Line> lines = new ArrayList<>();
        Timed plain = ours(start, io.github.minibatchkmeans.core.Pruning.OFF);
        Timed pruned = ours(start, io.github.minibatchkmeans.core.Pruning.AUTO);
        int iterations = pruned.model.iterations();
        double perIteration = pruned.seconds / iterations;
        double plainPerIteration = plain.seconds / plain.model.iterations();
        lines.add(line("ours, pruning off", "same", plain.model.iterations(), plain.seconds, perIteration, plainPerIteration,
                plain.labels, pruned.labels));
        lines.add(line("ours, pruning auto (the default)", "same", iterations, pruned.seconds,
                perIteration, plainPerIteration, pruned.labels, pruned.labels));
        Peers.Elki elki = peers.stream().anyMatch(p -> p.startsWith("elki")) ? new Peers.Elki(rows) : null;
        for (String peer : peers) {
            Peers.Run run = null;
            for (int r = 0; r < repeat; r++) {
                Peers.Run next = switch (peer) {
                    case "tribuo" -> Peers.tribuo(rows, k, iterations, threads, seed);
                    case "weka" -> Peers.weka(rows, k, iterations, threads, seed);
                    default -> elki.run(peer.substring("elki-".length()), start, iterations);
                };
                run = run == null || next.seconds() < run.seconds() ? next : run;
            }
            boolean sameStart = peer.startsWith("elki");
            int runIterations = run.iterations() > 0 ? run.iterations() : iterations;
            lines.add(line(title(peer), sameStart ? "same" : "own k-means++", runIterations, run.seconds(), perIteration,
                    plainPerIteration, run.labels(), pruned.labels));
        }
        Report report = new Report(dataName, rows.length, rows[0].length, k, threads, repeat, MiniBatchKMeans.distanceKernel(),
                machine(), System.getProperty("java.vm.name") + " " + Runtime.version(), lines);
        if (json) {
            out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(report));
        } else {
            print(report, out);
        }
    }

    /** Runs everyone briefly on a slice of the rows first, so that no one is timed while the JIT compiles it. */
    private void warmUp(double[][] start) throws Exception {
        double[][] slice = Arrays.copyOf(rows, Math.min(rows.length, Math.max(k, WARM_UP_ROWS)));
        for (io.github.minibatchkmeans.core.Pruning pruning : new io.github.minibatchkmeans.core.Pruning[] {io.github.minibatchkmeans.core.Pruning.OFF, io.github.minibatchkmeans.core.Pruning.AUTO}) {
            new MiniBatchKMeans(KMeansConfig.builder(k).initializer(Initializers.explicit(start)).maxIterations(2)
                    .threads(threads).pruning(pruning).build()).fitPredict(slice);
        }
        Peers.Elki elki = peers.stream().anyMatch(p -> p.startsWith("elki")) ? new Peers.Elki(slice) : null;
        for (String peer : peers) {
            switch (peer) {
                case "tribuo" -> Peers.tribuo(slice, k, 2, threads, seed);
                case "weka" -> Peers.weka(slice, k, 2, threads, seed);
                default -> elki.run(peer.substring("elki-".length()), start, 2);
            }
        }
    }

    private record Timed(KMeansModel model, int[] labels, double seconds) {
    }

    /** The fastest of {@code repeat} fits (all give the same result); like the peers', our data structure is built untimed. */
    private Timed ours(double[][] start, io.github.minibatchkmeans.core.Pruning pruning) throws IOException {
        KMeansConfig config = KMeansConfig.builder(k).initializer(Initializers.explicit(start)).tolerance(0)
                .maxIterations(maxIterations).threads(threads).pruning(pruning).build();
        ArraySource source = ArraySource.of(rows);
        Timed best = null;
        for (int r = 0; r < repeat; r++) {
            long t0 = System.nanoTime();
            KMeansModel model = new MiniBatchKMeans(config).fit(source);
            double seconds = (System.nanoTime() - t0) / 1e9;
            best = best == null || seconds < best.seconds ? new Timed(model, null, seconds) : best;
        }
        return new Timed(best.model, best.model.predict(rows), best.seconds);
    }

    private Line line(String name, String start, int iterations, double seconds, double oursPerIteration,
                      double oursPlainPerIteration, int[] labels, int[] ours) {
        int found = Arrays.stream(labels).max().orElse(0) + 1;
        AdjustedRandIndex agreement = new AdjustedRandIndex(k, found);
        for (int i = 0; i < labels.length; i++) {
            agreement.add(ours[i], labels[i]);
        }
        double perIteration = seconds / iterations;
        return new Line(name, start, iterations, seconds, perIteration, perIteration / oursPerIteration,
                perIteration / oursPlainPerIteration, agreement.unmatchedRows(), agreement.value());
    }

    private static String title(String peer) {
        return switch (peer) {
            case "elki-lloyd" -> "ELKI LloydKMeans";
            case "elki-hamerly" -> "ELKI HamerlyKMeans";
            case "elki-elkan" -> "ELKI ElkanKMeans";
            case "tribuo" -> "Tribuo KMeansTrainer";
            default -> "Weka SimpleKMeans";
        };
    }

    private static void print(Report r, PrintWriter out) {
        out.printf(Locale.ROOT, "%s: %,d rows x %d columns, k = %d, %d thread%s, %s kernel%n", r.data(), r.rows(), r.dims(),
                r.k(), r.threads(), r.threads() == 1 ? "" : "s", r.kernel());
        out.printf("%s; %s%n", r.machine(), r.java());
        out.printf("%-34s %-14s %6s %10s %10s %8s %8s %12s %7s%n", "", "start", "iter", "seconds", "s/iter", "÷ ours",
                "÷ plain", "rows differ", "ARI");
        for (Line l : r.runs()) {
            out.printf(Locale.ROOT, "%-34s %-14s %6d %10.3f %10.5f %8.2f %8.2f %,12d %7.4f%n", l.name(), l.start(),
                    l.iterations(), l.seconds(), l.secondsPerIteration(), l.timesOurs(), l.timesOursPlain(),
                    l.rowsUnmatched(), l.adjustedRandIndex());
        }
        out.println("each the fastest of " + r.repeat() + " runs; ÷ ours: seconds per iteration over ours with default pruning;");
        out.println("÷ plain: over ours with pruning off;");
        out.println("rows differ / ARI: the final partition against ours (0 / 1.0000: the same partition)");
    }

    /** The processor's model name where the OS says it, and the processor count. */
    private static String machine() {
        String cpu = "unknown processor";
        try {
            Path info = Path.of("/proc/cpuinfo");
            if (Files.isReadable(info)) {
                cpu = Files.readAllLines(info).stream().filter(l -> l.startsWith("model name")).findFirst()
                        .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
            }
        } catch (IOException e) {
            // the model name is a courtesy
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " processors, " + System.getProperty("os.arch");
    }
}
