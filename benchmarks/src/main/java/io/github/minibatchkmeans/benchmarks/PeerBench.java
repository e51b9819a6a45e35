package io.github.minibatchkmeans.benchmarks;

import io.github.minibatchkmeans.cli.AdjustedRandIndex;
import io.github.minibatchkmeans.cli.PeerRaces;
import io.github.minibatchkmeans.cli.UsageException;
import io.github.minibatchkmeans.core.ArraySource;
import io.github.minibatchkmeans.core.Initializers;
import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.MiniBatchKMeans;
import io.github.minibatchkmeans.core.Pruning;
import io.github.minibatchkmeans.core.spi.BatchSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code bench --peers}: every front door against its toolkit's own k-means, on the same rows, in
 * one JVM, one after the other — the core in memory and the tool's fit of the file against ELKI's
 * algorithms from the same start, ours in ELKI against them from that start too, ours in Tribuo and
 * Weka against their trainers (each from its own k-means++, with the same iteration cap: the cap is
 * the core's iteration count). Each line reports seconds per iteration, the ratio to the core, and
 * how far its final partition is from the core's; the front-door table sets each door beside its
 * toolkit. Each runs {@code repeat} times and the fastest counts: timings on shared machines are
 * noisy upwards.
 */
final class PeerBench {
    private static final int WARM_UP_ROWS = 20_000;

    private final String dataName;
    private final double[][] rows;
    private final Supplier<BatchSource> file;
    private final int k;
    private final int threads;
    private final int maxIterations;
    private final long seed;
    private final List<String> peers;
    private final int repeat;

    /** @param file the rows as the tool reads them from their file, or null when they were generated */
    PeerBench(String dataName, double[][] rows, Supplier<BatchSource> file, int k, int threads, int maxIterations, long seed,
              List<String> peers, int repeat) {
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
        this.file = file;
        this.k = k;
        this.threads = threads;
        this.maxIterations = maxIterations;
        this.seed = seed;
        this.peers = peers;
        this.repeat = repeat;
    }

    /** One line of the table: a run through one front door ({@code ours}) or of a toolkit's own k-means. */
    record Line(String name, String frontDoor, boolean ours, String start, int iterations, double seconds,
                double secondsPerIteration, double timesOurs, double timesOursPlain, long rowsUnmatched, double adjustedRandIndex) {
    }

    /** A front door beside its toolkit's own k-means: seconds of each with the same cap, and their ratio. */
    record Door(String frontDoor, String ours, String peer, double oursSeconds, double peerSeconds, double ratio) {
    }

    /** What {@code bench --peers --json} prints. */
    record Report(String data, int rows, int dims, int k, int threads, int repeat, String kernel, String machine, String java,
                  List<Line> runs, List<Door> frontDoors) {
    }

    /** A timed training: the labels of what it trained, seconds, iterations (-1: those of the cap). */
    @FunctionalInterface
    private interface Training {
        Peers.Run run() throws Exception;
    }

    void run(PrintWriter out, boolean json) throws Exception {
        double[][] start = new MiniBatchKMeans(KMeansConfig.builder(k).seed(seed).threads(threads).build())
                .initialCenters(ArraySource.of(rows));
        warmUp(start);
        List<Line> lines = new ArrayList<>();
        Peers.Run plain = fastest(() -> core(start, Pruning.OFF));
        Peers.Run ours = fastest(() -> core(start, Pruning.AUTO));
        int iterations = ours.iterations();
        double perIteration = ours.seconds() / iterations;
        double plainPerIteration = plain.seconds() / plain.iterations();
        Line reference = line("core fit(double[][]), pruning off", "core", true, "same", plain, iterations, perIteration,
                plainPerIteration, ours.labels());
        lines.add(reference);
        lines.add(line("core fit(double[][])", "core", true, "same", ours, iterations, perIteration, plainPerIteration,
                ours.labels()));
        if (file != null) {
            lines.add(line("tool: fit of the file", "tool", true, "same", fastest(() -> tool(start)), iterations, perIteration,
                    plainPerIteration, ours.labels()));
        }
        if (peers.stream().anyMatch(p -> p.startsWith("elki"))) {
            Peers.Elki elki = new Peers.Elki(rows);
            lines.add(line("ELKI: our MiniBatchKMeans", "elki", true, "same", fastest(() -> elki.ours(start, iterations, threads)),
                    iterations, perIteration, plainPerIteration, ours.labels()));
            for (String peer : peers.stream().filter(p -> p.startsWith("elki")).toList()) {
                String algorithm = peer.substring("elki-".length());
                lines.add(line(title(peer), "elki", false, "same", fastest(() -> elki.run(algorithm, start, iterations)),
                        iterations, perIteration, plainPerIteration, ours.labels()));
            }
        }
        if (peers.contains("tribuo")) {
            Peers.Tribuo tribuo = new Peers.Tribuo(rows);
            lines.add(line("Tribuo: our MiniBatchKMeansTrainer", "tribuo", true, "own k-means++",
                    fastest(() -> tribuo.ours(k, iterations, threads, seed)), iterations, perIteration, plainPerIteration,
                    ours.labels()));
            lines.add(line(title("tribuo"), "tribuo", false, "own k-means++", fastest(() -> tribuo.own(k, iterations, threads, seed)),
                    iterations, perIteration, plainPerIteration, ours.labels()));
        }
        if (peers.contains("weka")) {
            Peers.Weka weka = new Peers.Weka(rows);
            lines.add(line("Weka: our MiniBatchKMeans", "weka", true, "own k-means++",
                    fastest(() -> weka.ours(k, iterations, threads, seed)), iterations, perIteration, plainPerIteration,
                    ours.labels()));
            lines.add(line(title("weka"), "weka", false, "own k-means++", fastest(() -> weka.own(k, iterations, threads, seed)),
                    iterations, perIteration, plainPerIteration, ours.labels()));
        }
        Report report = new Report(dataName, rows.length, rows[0].length, k, threads, repeat, MiniBatchKMeans.distanceKernel(),
                machine(), System.getProperty("java.vm.name") + " " + Runtime.version(), lines, doors(lines));
        if (json) {
            out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(report));
        } else {
            print(report, out);
        }
    }

    /**
     * Each front door beside its toolkit: the core and ours in ELKI against ELKI's Hamerly (else the
     * first ELKI algorithm run), ours in Tribuo and Weka against their trainers, the tool against the
     * core in memory.
     */
    private static List<Door> doors(List<Line> lines) {
        List<Door> doors = new ArrayList<>();
        Line core = lines.get(1);
        Line elki = lines.stream().filter(l -> !l.ours() && l.name().equals(title("elki-hamerly"))).findFirst()
                .or(() -> lines.stream().filter(l -> !l.ours() && l.frontDoor().equals("elki")).findFirst()).orElse(null);
        for (Line l : lines.subList(1, lines.size())) {
            if (!l.ours()) {
                continue;
            }
            Line peer = switch (l.frontDoor()) {
                case "core" -> elki;
                case "tool" -> core;
                case "elki" -> elki;
                default -> lines.stream().filter(p -> !p.ours() && p.frontDoor().equals(l.frontDoor())).findFirst().orElse(null);
            };
            if (peer != null) {
                doors.add(new Door(l.frontDoor(), l.name(), peer.name(), l.seconds(), peer.seconds(), l.seconds() / peer.seconds()));
            }
        }
        return doors;
    }

    /** Runs everyone briefly on a slice of the rows first, so that no one is timed while the JIT compiles it. */
    private void warmUp(double[][] start) throws Exception {
        double[][] slice = Arrays.copyOf(rows, Math.min(rows.length, Math.max(k, WARM_UP_ROWS)));
        for (Pruning pruning : new Pruning[] {Pruning.OFF, Pruning.AUTO}) {
            new MiniBatchKMeans(config(start, pruning).toBuilder().maxIterations(2).build()).fitPredict(slice);
        }
        if (file != null) {
            tool(start);
        }
        if (peers.stream().anyMatch(p -> p.startsWith("elki"))) {
            Peers.Elki elki = new Peers.Elki(slice);
            elki.ours(start, 2, threads);
            for (String peer : peers.stream().filter(p -> p.startsWith("elki")).toList()) {
                elki.run(peer.substring("elki-".length()), start, 2);
            }
        }
        if (peers.contains("tribuo")) {
            Peers.Tribuo tribuo = new Peers.Tribuo(slice);
            tribuo.ours(k, 2, threads, seed);
            tribuo.own(k, 2, threads, seed);
        }
        if (peers.contains("weka")) {
            Peers.Weka weka = new Peers.Weka(slice);
            weka.ours(k, 2, threads, seed);
            weka.own(k, 2, threads, seed);
        }
    }

    private KMeansConfig config(double[][] start, Pruning pruning) {
        return KMeansConfig.builder(k).initializer(Initializers.explicit(start)).tolerance(0).maxIterations(maxIterations)
                .threads(threads).pruning(pruning).build();
    }

    /** The core in memory: the whole {@code fit(double[][])} call, its copy of the rows into one flat array included. */
    private Peers.Run core(double[][] start, Pruning pruning) {
        long t0 = System.nanoTime();
        KMeansModel model = new MiniBatchKMeans(config(start, pruning)).fit(rows);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Peers.Run(model.predict(rows), seconds, model.iterations());
    }

    /** What the tool's {@code fit} does with the file: every pass its own, from the statistics pass to the final one. */
    private Peers.Run tool(double[][] start) throws IOException {
        BatchSource source = file.get();
        long t0 = System.nanoTime();
        KMeansModel model = new MiniBatchKMeans(config(start, Pruning.AUTO)).fit(source);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Peers.Run(model.predict(rows), seconds, model.iterations());
    }

    /** The fastest of {@code repeat} runs (all give the same result). */
    private Peers.Run fastest(Training training) throws Exception {
        Peers.Run best = null;
        for (int r = 0; r < repeat; r++) {
            Peers.Run run = training.run();
            best = best == null || run.seconds() < best.seconds() ? run : best;
        }
        return best;
    }

    private Line line(String name, String frontDoor, boolean ours, String start, Peers.Run run, int cap, double oursPerIteration,
                      double oursPlainPerIteration, int[] reference) {
        int[] labels = run.labels();
        int found = Arrays.stream(labels).max().orElse(0) + 1;
        AdjustedRandIndex agreement = new AdjustedRandIndex(k, found);
        for (int i = 0; i < labels.length; i++) {
            agreement.add(reference[i], labels[i]);
        }
        int iterations = run.iterations() > 0 ? run.iterations() : cap;
        double perIteration = run.seconds() / iterations;
        return new Line(name, frontDoor, ours, start, iterations, run.seconds(), perIteration, perIteration / oursPerIteration,
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
        out.printf("%-36s %-14s %6s %10s %10s %8s %8s %12s %7s%n", "", "start", "iter", "seconds", "s/iter", "÷ core",
                "÷ plain", "rows differ", "ARI");
        for (Line l : r.runs()) {
            out.printf(Locale.ROOT, "%-36s %-14s %6d %10.3f %10.5f %8.2f %8.2f %,12d %7.4f%n", l.name(), l.start(),
                    l.iterations(), l.seconds(), l.secondsPerIteration(), l.timesOurs(), l.timesOursPlain(),
                    l.rowsUnmatched(), l.adjustedRandIndex());
        }
        out.println("each the fastest of " + r.repeat() + " runs; ÷ core: seconds per iteration over the core's (pruning auto);");
        out.println("÷ plain: over the core's with pruning off; rows differ / ARI: the final partition against the core's");
        if (!r.frontDoors().isEmpty()) {
            out.println();
            out.printf("%-8s %-36s %-24s %10s %10s %8s%n", "door", "ours", "against", "ours s", "theirs s", "ratio");
            for (Door d : r.frontDoors()) {
                out.printf(Locale.ROOT, "%-8s %-36s %-24s %10.3f %10.3f %8.2f%n", d.frontDoor(), d.ours(), d.peer(),
                        d.oursSeconds(), d.peerSeconds(), d.ratio());
            }
            out.println("ratio: our seconds over theirs, the same iteration cap (below 1: ours is faster)");
        }
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
