package io.github.minibatchkmeans.cli;

import io.github.minibatchkmeans.core.KMeansModel;
import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.Sample;
import java.io.IOException;
import java.io.OutputStream;
import java.util.SplittableRandom;

/** Draws a fit's picture from a fresh uniform sample of the data (one more pass). */
final class PlotSample {
    /** Points in the scatter: enough to see the clusters, few enough to see each point. */
    static final int SAMPLE_ROWS = 3000;

    private PlotSample() {
    }

    /**
     * The picture of {@code model}, fitted from {@code starts} starts, on a sample of {@code source};
     * the sample coloured by {@code labels}' classes when given (null: by cluster).
     */
    static void write(KMeansModel model, int starts, BatchSource source, LabelColumn labels, long seed, OutputStream out,
                      String format) throws IOException {
        // wide rows: fewer of them, so the sample stays within 32 MB whatever the width
        int rows = (int) Math.max(100, Math.min(SAMPLE_ROWS, (32L << 20) / (8L * source.dimensions())));
        FitPlot.write(model, starts, draw(source, rows, seed), labels, out, format);
    }

    /** A uniform sample of at most {@code size} rows with positive weight (reservoir sampling, Vitter's Algorithm R). */
    static Sample draw(BatchSource source, int size, long seed) throws IOException {
        int d = source.dimensions();
        SplittableRandom random = new SplittableRandom(seed);
        double[] kept = new double[size * d];
        double[] keptWeights = new double[size];
        long[] keptRows = new long[size];
        int batch = (int) Math.max(1, Math.min(1024, (8L << 20) / (8L * d)));
        double[] data = new double[batch * d];
        double[] weights = new double[batch];
        long row = 0;
        long seen = 0;
        try (BatchReader reader = source.open()) {
            for (int n = reader.read(data, weights, batch); n > 0; n = reader.read(data, weights, batch)) {
                for (int i = 0; i < n; i++, row++) {
                    if (weights[i] <= 0) {
                        continue;
                    }
                    long slot = seen < size ? seen : random.nextLong(seen + 1);
                    seen++;
                    if (slot < size) {
                        System.arraycopy(data, i * d, kept, (int) slot * d, d);
                        keptWeights[(int) slot] = weights[i];
                        keptRows[(int) slot] = row;
                    }
                }
            }
        }
        int count = (int) Math.min(seen, size);
        return new Sample(d, java.util.Arrays.copyOf(kept, count * d), java.util.Arrays.copyOf(keptWeights, count),
                java.util.Arrays.copyOf(keptRows, count));
    }
}
