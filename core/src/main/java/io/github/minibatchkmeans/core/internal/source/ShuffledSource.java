package io.github.minibatchkmeans.core.internal.source;

import io.github.minibatchkmeans.core.internal.metric.Geometry;
import io.github.minibatchkmeans.core.internal.pass.PreparedSource;
import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.BatchSource;
import io.github.minibatchkmeans.core.spi.ReadThreads;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Another source's rows, locally shuffled through a bounded window: each row handed out is drawn
 * at random from the next {@code window} rows of the stream. Mini-batch updates need batches that
 * look like random samples; files are often sorted (by class, by time), and this mixes them in
 * O(window·d) memory. Each pass draws a different order, deterministically from the seed.
 */
public final class ShuffledSource implements BatchSource, PreparedSource {
    private final BatchSource inner;
    private final int window;
    private final long seed;
    private long passes;

    public ShuffledSource(BatchSource inner, int window, long seed) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
        this.inner = inner;
        this.window = window;
        this.seed = seed;
    }

    /** The rows are {@code inner}'s, reordered: prepared when they are. */
    @Override
    public Geometry preparedFor() {
        return inner instanceof PreparedSource p ? p.preparedFor() : null;
    }

    @Override
    public int dimensions() {
        return inner.dimensions();
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public BatchReader open() throws IOException {
        return open(ReadThreads.NONE);
    }

    @Override
    public BatchReader open(ReadThreads threads) throws IOException {
        return new Reader(inner.open(threads), new SplittableRandom(seed + 0x9E3779B97F4A7C15L * passes++));
    }

    private final class Reader implements BatchReader {
        private final BatchReader source;
        private final SplittableRandom random;
        private final int dims = inner.dimensions();
        private final double[] rows = new double[window * dims];
        private final double[] weights = new double[window];
        private final double[] chunk;
        private final double[] chunkWeights;
        private int size;
        private boolean exhausted;

        Reader(BatchReader source, SplittableRandom random) {
            this.source = source;
            this.random = random;
            int chunkRows = Math.min(window, 4096);
            this.chunk = new double[chunkRows * dims];
            this.chunkWeights = new double[chunkRows];
        }

        @Override
        public int read(double[] data, double[] outWeights, int maxRows) throws IOException {
            int n = 0;
            while (n < maxRows) {
                refill();
                if (size == 0) {
                    break;
                }
                int pick = random.nextInt(size);
                System.arraycopy(rows, pick * dims, data, n * dims, dims);
                outWeights[n++] = weights[pick];
                size--;
                System.arraycopy(rows, size * dims, rows, pick * dims, dims); // the last row fills the hole
                weights[pick] = weights[size];
            }
            return n;
        }

        private void refill() throws IOException {
            while (!exhausted && size < window) {
                int got = source.read(chunk, chunkWeights, Math.min(window - size, chunkWeights.length));
                if (got == 0) {
                    exhausted = true;
                    return;
                }
                System.arraycopy(chunk, 0, rows, size * dims, got * dims);
                System.arraycopy(chunkWeights, 0, weights, size, got);
                size += got;
            }
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }
}
