package io.github.minibatchkmeans.io;

import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.io.IOException;

/**
 * A reader of doubles that also delivers them as float32 ({@link #readFloats}): each value rounded
 * to the nearest float, as NumPy's {@code astype(np.float32)} does; one beyond float32's range is an
 * error naming its row and feature, not an infinity.
 */
final class NarrowingReader implements BatchReader {
    /** Values parsed at a time before they are narrowed: the scratch stays small whatever the batch. */
    private static final int CHUNK_VALUES = 1 << 16;
    private final BatchReader parsed;
    private final int dims;
    private final String name;
    /** One chunk's values as parsed, and its weights. */
    private double[] doubles = new double[0];
    private double[] chunkWeights = new double[0];
    /** Rows delivered so far: the index of the next, for messages. */
    private long row;

    NarrowingReader(BatchReader parsed, int dims, String name) {
        this.parsed = parsed;
        this.dims = dims;
        this.name = name;
    }

    @Override
    public int read(double[] data, double[] weights, int maxRows) throws IOException {
        int n = parsed.read(data, weights, maxRows);
        row += n;
        return n;
    }

    @Override
    public int readFloats(float[] data, double[] weights, int maxRows) throws IOException {
        int chunkRows = Math.max(1, CHUNK_VALUES / Math.max(1, dims));
        if (chunkWeights.length < Math.min(maxRows, chunkRows)) {
            chunkWeights = new double[Math.min(maxRows, chunkRows)];
            doubles = new double[chunkWeights.length * dims];
        }
        int done = 0;
        while (done < maxRows) {
            int n = parsed.read(doubles, chunkWeights, Math.min(maxRows - done, chunkRows));
            if (n == 0) {
                break;
            }
            for (int v = 0; v < n * dims; v++) {
                float narrowed = (float) doubles[v];
                if (Float.isInfinite(narrowed)) { // parsed values are finite: only the rounding can make them infinite
                    throw new InvalidInputException(name + ": row " + (row + v / dims) + ", feature " + (v % dims) + ": "
                            + doubles[v] + " is beyond float32's range (±3.4e38); read it as float64 (--dtype float64)");
                }
                data[done * dims + v] = narrowed;
            }
            System.arraycopy(chunkWeights, 0, weights, done, n);
            row += n;
            done += n;
        }
        return done;
    }

    @Override
    public long skip(long rows) throws IOException {
        long skipped = parsed.skip(rows);
        row += skipped;
        return skipped;
    }

    @Override
    public void close() throws IOException {
        parsed.close();
    }
}
