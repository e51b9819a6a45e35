package io.github.minibatchkmeans.cli;

import io.github.minibatchkmeans.core.KMeansConfig;
import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.MiniBatchKMeans;
import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import java.io.IOException;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * A benchmark, not a test: an EXACT fit of N rows (default 200,000,000) generated on the fly by a
 * synthetic source — blobs whose rows are a pure function of their index, so every pass sees the
 * same data in constant memory — then one more pass that recomputes each cluster's mean with
 * compensated (double-double) sums and reports the largest relative difference from the fitted
 * centroids.
 *
 * <pre>java -cp minibatch-kmeans.jar io.github.minibatchkmeans.cli.ScaleBenchmark [rows] [threads]</pre>
 */
public final class ScaleBenchmark {
    static final int DIMS = 4;
    static final int K = 8;

    private ScaleBenchmark() {
    }

    /** Row i: blob (i mod K) centred at 100 + 10·((blob·(j+3)·(j+1)) mod 37), plus noise in (−2, 2) from a hash of (i, j). */
    static final class Synthetic implements BatchSource {
        private final long rows;

        Synthetic(long rows) {
            this.rows = rows;
        }

        static double value(long row, int j) {
            int blob = (int) (row % K);
            double center = 100 + 10.0 * (((long) blob * (j + 3) * (j + 1)) % 37);
            long h = mix(row * DIMS + j);
            return center + ((h >>> 11) * 0x1.0p-53 + (mix(h) >>> 11) * 0x1.0p-53 - 1) * 2;
        }

        private static long mix(long z) { // SplitMix64's finalizer: a fast, well-spread hash of the index
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            return z ^ (z >>> 31);
        }

        @Override
        public int dimensions() {
            return DIMS;
        }

        @Override
        public String name() {
            return "synthetic(" + rows + ")";
        }

        @Override
        public OptionalLong rows() {
            return OptionalLong.of(rows);
        }

        @Override
        public BatchReader open() {
            return new BatchReader() {
                private long next;

                @Override
                public int read(double[] data, double[] weights, int maxRows) {
                    int n = (int) Math.min(maxRows, rows - next);
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < DIMS; j++) {
                            data[i * DIMS + j] = value(next + i, j);
                        }
                        weights[i] = 1;
                    }
                    next += n;
                    return n;
                }

                @Override
                public long skip(long count) {
                    long n = Math.min(count, rows - next);
                    next += n;
                    return n;
                }

                @Override
                public void close() {
                }
            };
        }
    }

    public static void main(String[] args) throws IOException {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 200_000_000L;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Synthetic source = new Synthetic(rows);
        KMeansConfig config = KMeansConfig.builder(K).seed(1).tolerance(0).nInit(1).threads(threads).build();
        long start = System.nanoTime();
        KMeansModel model = new MiniBatchKMeans(config).fit(source);
        double seconds = (System.nanoTime() - start) / 1e9;

        double[][] centroids = model.centroids();
        double[] hi = new double[K * DIMS];
        double[] lo = new double[K * DIMS];
        long[] counts = new long[K];
        model.predict(source, (row, c, distance) -> { // the batch API labels; each row's values are a function of its index
            counts[c]++;
            for (int j = 0; j < DIMS; j++) { // two-sum: hi + lo holds the exact running sum to ~106 bits
                double x = Synthetic.value(row, j);
                int at = c * DIMS + j;
                double s = hi[at] + x;
                double v = s - hi[at];
                lo[at] += (hi[at] - (s - v)) + (x - v);
                hi[at] = s;
            }
        });
        double worst = 0;
        long total = 0;
        for (int c = 0; c < K; c++) {
            total += counts[c];
            for (int j = 0; j < DIMS; j++) {
                double mean = (hi[c * DIMS + j] + lo[c * DIMS + j]) / counts[c];
                worst = Math.max(worst, Math.abs(centroids[c][j] - mean) / Math.max(1e-300, Math.abs(mean)));
            }
        }
        System.out.printf(Locale.ROOT, "rows %,d  dims %d  k %d  threads %d  kernel %s%n", rows, DIMS, K, threads,
                MiniBatchKMeans.distanceKernel());
        System.out.printf(Locale.ROOT, "fit %.1f s, %d iterations (converged %b), %.1f M rows/s per pass over %d passes%n", seconds,
                model.iterations(), model.converged(), rows * (model.iterations() + 2) / seconds / 1e6, model.iterations() + 2);
        System.out.printf(Locale.ROOT, "rows counted %,d (sizes sum %.0f); largest relative centroid error vs compensated recomputation %.3g%n",
                total, java.util.Arrays.stream(model.sizes()).sum(), worst);
    }
}
