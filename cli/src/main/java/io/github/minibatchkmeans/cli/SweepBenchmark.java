package io.github.minibatchkmeans.cli;

import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.KSweep;
import io.github.minibatchkmeans.core.MiniBatchKMeans;
import io.github.minibatchkmeans.core.ProgressListener;
import io.github.minibatchkmeans.core.spi.BatchSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench --k MIN:MAX}: a sweep over k against a separate fit of each k — the same settings and
 * seed, in the same JVM, alternately, {@code repeat} times (the fastest of each counts) — with the
 * reads of the source each needs: the sweep's against the longest single fit's.
 */
final class SweepBenchmark {
    private SweepBenchmark() {
    }

    /** What {@code bench --k MIN:MAX --json} prints (scores as {@code fit --json} gives them: null where undefined). */
    record Result(String input, int[] ks, int threads, double sweepSeconds, double separateSeconds, double ratio, int sweepReads,
                  int longestFitReads, int separateReads, int recommendedK, int silhouetteRows, List<FitReport.Score> scores) {
    }

    static void run(BatchSource source, KMeansConfig sweep, int repeat, PrintWriter out, boolean json) throws IOException {
        int[] ks = sweep.kValues();
        double sweepSeconds = Double.POSITIVE_INFINITY;
        double separateSeconds = Double.POSITIVE_INFINITY;
        int sweepReads = 0;
        int longest = 0;
        int separateReads = 0;
        KSweep result = null;
        for (int r = 0; r < repeat; r++) {
            double separate = 0;
            int reads = 0;
            int most = 0;
            for (int k : ks) {
                KMeansConfig one = KMeansConfig.builder(k).seed(sweep.seed()).maxIterations(sweep.maxIterations())
                        .threads(sweep.threads()).batchSize(sweep.batchSize()).sampleSize(sweep.sampleSize()).build(); // the sweep's sample
                PassCounter passes = new PassCounter(ProgressListener.NONE);
                long start = System.nanoTime();
                new MiniBatchKMeans(one, passes).fit(source);
                separate += (System.nanoTime() - start) / 1e9;
                reads += passes.count();
                most = Math.max(most, passes.count());
            }
            PassCounter passes = new PassCounter(ProgressListener.NONE);
            long start = System.nanoTime();
            result = new MiniBatchKMeans(sweep, passes).sweep(source);
            double swept = (System.nanoTime() - start) / 1e9;
            sweepSeconds = Math.min(sweepSeconds, swept);
            separateSeconds = Math.min(separateSeconds, separate);
            sweepReads = passes.count();
            longest = most;
            separateReads = reads;
        }
        Result measured = new Result(source.name(), ks, sweep.threads(), sweepSeconds, separateSeconds, sweepSeconds / separateSeconds,
                sweepReads, longest, separateReads, result.recommendedK(), result.silhouetteRows(), FitReport.Sweep.of(result).scores());
        if (json) {
            out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(measured));
            return;
        }
        out.printf(Locale.ROOT, "%s: k = %d..%d (%d values), %d thread%s, fastest of %d%n", source.name(), ks[0], ks[ks.length - 1],
                ks.length, sweep.threads(), sweep.threads() == 1 ? "" : "s", repeat);
        out.printf(Locale.ROOT, "sweep: %.3f s, %d reads of the data; %d separate fits: %.3f s, %d reads (the longest fit %d)%n",
                sweepSeconds, sweepReads, ks.length, separateSeconds, separateReads, longest);
        out.printf(Locale.ROOT, "the sweep costs %.2fx the separate fits%n", measured.ratio());
        out.println(result.table());
    }
}
