package io.github.minibatchkmeans.core.internal.source;

import io.github.minibatchkmeans.core.internal.metric.Geometry;
import io.github.minibatchkmeans.core.internal.rows.SparseRows;
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
 * O(window·d) memory (sparse rows: their non-zeros). Each pass draws a different order,
 * deterministically from the seed.
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
    public boolean sparse() {
        return inner.sparse();
    }

    @Override
    public BatchReader open(ReadThreads threads) throws IOException {
        SplittableRandom random = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * passes++);
        return inner.sparse() ? new SparseReader(inner.open(threads), random) : new Reader(inner.open(threads), random);
    }

    /**
     * The window of a sparse source: each row's non-zeros in arrays of their own, drawn as
     * {@link Reader} draws dense rows (the same random choices), handed out sparse.
     */
    private final class SparseReader implements BatchReader {
        private final BatchReader source;
        private final SplittableRandom random;
        private final int dims = inner.dimensions();
        private final int[][] indices = new int[window][];
        private final double[][] values = new double[window][];
        private final double[] weights = new double[window];
        private final SparseRows chunk;
        private int size;
        private boolean exhausted;
        /** A row drawn that did not fit the caller's arrays: handed out first next time; -1 if none. */
        private int pending = -1;

        SparseReader(BatchReader source, SplittableRandom random) {
            this.source = source;
            this.random = random;
            this.chunk = new SparseRows(Math.min(window, 4096), dims, 0);
        }

        @Override
        public int readSparse(int[] rowEnds, int[] outIndices, double[] outValues, double[] outWeights, int maxRows)
                throws IOException {
            int n = 0;
            int filled = 0;
            while (n < maxRows) {
                int pick = pending;
                if (pick < 0) {
                    refill();
                    if (size == 0) {
                        break;
                    }
                    pick = random.nextInt(size);
                }
                int length = indices[pick].length;
                if (filled + length > outValues.length) {
                    pending = pick;
                    break;
                }
                pending = -1;
                System.arraycopy(indices[pick], 0, outIndices, filled, length);
                System.arraycopy(values[pick], 0, outValues, filled, length);
                filled += length;
                rowEnds[n] = filled;
                outWeights[n++] = weights[pick];
                size--;
                indices[pick] = indices[size]; // the last row fills the hole
                values[pick] = values[size];
                weights[pick] = weights[size];
            }
            return n;
        }

        @Override
        public int read(double[] data, double[] outWeights, int maxRows) throws IOException {
            throw new UnsupportedOperationException("a window of sparse rows is read sparse");
        }

        private void refill() throws IOException {
            while (!exhausted && size < window) {
                int got = chunk.readFrom(source, Math.min(window - size, chunk.capacity()));
                if (got == 0) {
                    exhausted = true;
                    return;
                }
                chunk.span(0, got);
                for (int i = 0; i < got; i++, size++) {
                    indices[size] = chunk.indicesOf(i);
                    values[size] = chunk.valuesOf(i);
                    weights[size] = chunk.weights[i];
                }
            }
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
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
