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
     * Reads up to {@code maxRows} rows in compressed sparse row form, for a source whose
     * {@link BatchSource#sparse()} is true: row {@code i}'s non-zero values go to
     * {@code values[s .. e)} and their feature indices, strictly increasing, to
     * {@code indices[s .. e)}, where {@code e = rowEnds[i]} and {@code s} is 0 for the first row,
     * else {@code rowEnds[i − 1]}. A reader stops early, before a row whose values would not fit
     * the arrays, and delivers that row on the next call; the caller's arrays always hold at least
     * {@link BatchSource#dimensions()} values, so any one row fits. The default refuses: a dense
     * source has no sparse reader.
     *
     * @param rowEnds where each row's values end, one per row read
     * @param indices where the values' feature indices go
     * @param values where the non-zero values go
     * @param weights where the rows' weights go
     * @param maxRows at most this many rows
     * @return the number of rows read; 0 only at the end of the data
     * @throws InvalidInputException for malformed data, naming the place
     * @throws IOException when the data cannot be read
     */
    default int readSparse(int[] rowEnds, int[] indices, double[] values, double[] weights, int maxRows) throws IOException {
        throw new UnsupportedOperationException("this reader delivers dense rows only");
    }

    /**
     * Reads up to {@code maxRows} rows of float32 values into {@code data} (row-major,
     * {@code maxRows × d}) and their weights into {@code weights}, for a source whose
     * {@link BatchSource#float32()} is true. The default refuses: a source of doubles has no
     * float32 reader.
     *
     * @param data where the rows go, row-major
     * @param weights where their weights go
     * @param maxRows at most this many rows
     * @return the number of rows read; 0 only at the end of the data
     * @throws InvalidInputException for malformed data, naming the place
     * @throws IOException when the data cannot be read
     */
    default int readFloats(float[] data, double[] weights, int maxRows) throws IOException {
        throw new UnsupportedOperationException("this reader delivers doubles only");
    }

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
