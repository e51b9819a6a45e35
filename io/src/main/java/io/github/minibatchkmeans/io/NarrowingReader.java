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
    private final BatchReader parsed;
    private final int dims;
    private final String name;
    private double[] doubles = new double[0];
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
        if (doubles.length < maxRows * dims) {
            doubles = new double[maxRows * dims];
        }
        int n = parsed.read(doubles, weights, maxRows);
        for (int v = 0; v < n * dims; v++) {
            float narrowed = (float) doubles[v];
            if (Float.isInfinite(narrowed)) { // parsed values are finite: only the rounding can make them infinite
                throw new InvalidInputException(name + ": row " + (row + v / dims) + ", feature " + (v % dims) + ": "
                        + doubles[v] + " is beyond float32's range (±3.4e38); read it as float64 (--dtype float64)");
            }
            data[v] = narrowed;
        }
        row += n;
        return n;
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
