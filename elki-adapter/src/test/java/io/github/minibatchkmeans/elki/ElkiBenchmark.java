package io.github.minibatchkmeans.elki;

import elki.clustering.kmeans.HamerlyKMeans;
import elki.clustering.kmeans.KMeans;
import elki.clustering.kmeans.LloydKMeans;
import elki.clustering.kmeans.initialization.Predefined;
import elki.data.Clustering;
import elki.data.NumberVector;
import elki.data.model.KMeansModel;
import elki.database.Database;
import elki.database.relation.Relation;
import elki.utilities.ELKIBuilder;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Not a test: a benchmark program comparing ELKI's LloydKMeans and HamerlyKMeans with ours (exact,
 * 1 and 2 threads) on one relation from the same initial means, in one JVM. Run it with
 * {@code java -Xmx3g -cp <test classpath> io.github.minibatchkmeans.elki.ElkiBenchmark [rows] [dims] [k]}.
 */
public final class ElkiBenchmark {
    private ElkiBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        Random random = new Random(1);
        double[][] centers = new double[k][d];
        for (double[] c : centers) {
            for (int j = 0; j < d; j++) {
                c[j] = random.nextDouble() * 20 - 10;
            }
        }
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            double[] c = centers[random.nextInt(k)];
            for (int j = 0; j < d; j++) {
                x[i][j] = c[j] + 2 * random.nextGaussian(); // overlapping blobs: Lloyd needs real iterations
            }
        }
        Database db = ElkiTestData.fromArray(x);
        Relation<NumberVector> relation = ElkiTestData.vectors(db);
        StringBuilder means = new StringBuilder();
        for (int c = 0; c < k; c++) {
            double[] m = x[random.nextInt(n)];
            for (int j = 0; j < d; j++) {
                means.append(j == 0 ? (c == 0 ? "" : ";") : ",").append(m[j]);
            }
        }
        System.out.printf(Locale.ROOT, "%,d rows x %d dims, k = %d, same initial means, %d processors%n", n, d, k,
                Runtime.getRuntime().availableProcessors());
        // One round: each run lasts seconds to minutes, so JIT warm-up is noise.
        time("ELKI LloydKMeans", () -> new ELKIBuilder<LloydKMeans<NumberVector>>(LloydKMeans.class)
                .with(KMeans.K_ID, k).with(KMeans.INIT_ID, Predefined.class)
                .with(Predefined.Par.INITIAL_MEANS, means.toString()).build().run(relation));
        time("ELKI HamerlyKMeans", () -> new ELKIBuilder<HamerlyKMeans<NumberVector>>(HamerlyKMeans.class)
                .with(KMeans.K_ID, k).with(KMeans.INIT_ID, Predefined.class)
                .with(Predefined.Par.INITIAL_MEANS, means.toString()).build().run(relation));
        for (int threads : new int[] {1, 2}) {
            time("minibatch-kmeans exact, " + threads + " thread" + (threads > 1 ? "s" : ""),
                    () -> new ELKIBuilder<MiniBatchKMeans<NumberVector>>(MiniBatchKMeans.class)
                            .with(KMeans.K_ID, k).with(KMeans.INIT_ID, Predefined.class)
                            .with(Predefined.Par.INITIAL_MEANS, means.toString())
                            .with(MiniBatchKMeans.Par.TOLERANCE_ID, 0).with(MiniBatchKMeans.Par.THREADS_ID, threads)
                            .build().run(relation));
        }
    }

    private static void time(String name, Supplier<Clustering<KMeansModel>> run) {
        long start = System.nanoTime();
        Clustering<KMeansModel> result = run.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        double varsum = result.getAllClusters().stream().mapToDouble(c -> c.getModel().getVarianceContribution()).sum();
        System.out.printf(Locale.ROOT, "%-36s %7.2f s   sum of squares %.6e%n", name, seconds, varsum);
    }
}
