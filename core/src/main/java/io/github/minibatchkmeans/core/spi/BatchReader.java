package io.github.minibatchkmeans.core.spi;

import java.io.Closeable;
import java.io.IOException;

/** One pass over a {@link BatchSource}: fills caller-owned buffers with consecutive rows. */
public interface BatchReader extends Closeable {

    /**
     * Reads up to {@code maxRows} rows into {@code data} (row-major, {@code maxRows × d}) and their
     * weights into {@code weights} (1.0 for unweighted sources).
     *
     * @param data where the rows go, row-major
     * @param weights where their weights go
     * @param maxRows at most this many rows
     * @return the number of rows read; 0 only at the end of the data
     * @throws InvalidInputException for malformed data, naming the place
     * @throws IOException when the data cannot be read
     */
    int read(double[] data, double[] weights, int maxRows) throws IOException;

    /**
     * Moves past up to {@code rows} rows without delivering them, if the source can do so cheaply
     * (seek in a file, move an index). Exact k-means skips the blocks of rows its bounds prove
     * unchanged. The default skips nothing; the caller then reads and drops the rows.
     *
     * @return the number of rows skipped: fewer than asked only at the end of the data or when the
     *         source cannot skip
     * @param rows how many rows to move past
     * @throws IOException when the data cannot be read
     */
    default long skip(long rows) throws IOException {
        return 0;
    }

    @Override
    void close() throws IOException;
}
