package io.github.minibatchkmeans.benchmarks;

import io.github.minibatchkmeans.core.NpySource;
import io.github.minibatchkmeans.core.spi.BatchReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Choosing k through each front door against looping that toolkit's own k-means over k, in one JVM
 * on the same rows, one thread: ours fits every k in the same passes and scores them (silhouette
 * included); the loop only fits. Each toolkit's data structure is built once, untimed.
 *
 * <pre>java -cp benchmarks/target/minibatch-kmeans-benchmarks.jar io.github.minibatchkmeans.benchmarks.SweepPeers DATA.npy KMIN KMAX [ROWS]</pre>
 */
public final class SweepPeers {
    private static final int MAX_ITERATIONS = 300;
    private static final long SEED = 1;

    private SweepPeers() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: SweepPeers DATA.npy KMIN KMAX [ROWS]");
            System.exit(2);
        }
        int kMin = Integer.parseInt(args[1]);
        int kMax = Integer.parseInt(args[2]);
        double[][] rows = read(new NpySource(Path.of(args[0])), args.length > 3 ? Integer.parseInt(args[3]) : Integer.MAX_VALUE);
        System.out.printf(Locale.ROOT, "%s: %,d rows x %d, k = %d..%d, one thread, cap %d iterations%n", args[0], rows.length,
                rows[0].length, kMin, kMax, MAX_ITERATIONS);

        Peers.Weka weka = new Peers.Weka(rows);
        race("Weka", "MiniBatchKMeans -N " + kMin + " -H " + kMax, () -> weka.ours(kMin, kMax, MAX_ITERATIONS, 1, SEED),
                "SimpleKMeans -N k, each k", k -> weka.own(k, MAX_ITERATIONS, 1, SEED), kMin, kMax);
        Peers.Tribuo tribuo = new Peers.Tribuo(rows);
        race("Tribuo", "MiniBatchKMeansTrainer maxCentroids " + kMax, () -> tribuo.oursChoosing(kMin, kMax, MAX_ITERATIONS, 1, SEED),
                "KMeansTrainer, each k", k -> tribuo.own(k, MAX_ITERATIONS, 1, SEED), kMin, kMax);
        Peers.Elki elki = new Peers.Elki(rows);
        race("ELKI", "minibatch-kmeans -minibatch.kmax " + kMax, () -> elki.oursChoosing(kMin, kMax, MAX_ITERATIONS, 1, SEED),
                "HamerlyKMeans, each k", k -> elki.own(k, MAX_ITERATIONS, SEED), kMin, kMax);
        Peers.Run xMeans = elki.xMeans(kMin, kMax, SEED);
        System.out.printf(Locale.ROOT, "  ELKI's XMeans (k %d..%d): %.2f s, %d clusters%n", kMin, kMax, xMeans.seconds(),
                java.util.Arrays.stream(xMeans.labels()).max().orElse(-1) + 1);
    }

    /** A training through one front door. */
    private interface Training {
        Peers.Run run() throws Exception;
    }

    /** The toolkit's own k-means for one k. */
    private interface OneK {
        Peers.Run run(int k) throws Exception;
    }

    /** Our door choosing k (after a warm-up run) against the toolkit's own k-means looped over k; one line. */
    private static void race(String door, String ours, Training choosing, String theirs, OneK own, int kMin, int kMax) throws Exception {
        choosing.run();
        Peers.Run run = choosing.run();
        double loop = 0;
        for (int k = kMin; k <= kMax; k++) {
            loop += own.run(k).seconds();
        }
        System.out.printf(Locale.ROOT, "%-7s %s: %.2f s (k = %d) | %s: %.2f s | ratio %.2f%n", door, ours, run.seconds(),
                java.util.Arrays.stream(run.labels()).max().orElse(-1) + 1, theirs, loop, run.seconds() / loop);
    }

    private static double[][] read(NpySource source, int limit) throws java.io.IOException {
        int d = source.dimensions();
        List<double[]> rows = new ArrayList<>();
        double[] weight = new double[1];
        try (BatchReader reader = source.open()) {
            for (double[] row = new double[d]; rows.size() < limit && reader.read(row, weight, 1) == 1; row = new double[d]) {
                rows.add(row);
            }
        }
        return rows.toArray(double[][]::new);
    }
}
