package io.github.minibatchkmeans.core.internal.pass;

import io.github.minibatchkmeans.core.spi.BatchReader;
import java.io.IOException;
import java.util.function.LongPredicate;

/**
 * A source's reader that delivers only the blocks a pass needs, each batch a run of consecutive
 * rows stamped with the index of its first row. Unneeded blocks are skipped with
 * {@link BatchReader#skip} where the source can seek, and read and dropped where it cannot.
 */
final class PlannedReader implements AutoCloseable {
    private final BatchReader reader;
    private final LongPredicate blockNeeded;
    private final int dims;
    private double[] discard;
    private double[] discardWeights;
    private long position;
    private boolean ended;

    PlannedReader(BatchReader reader, LongPredicate blockNeeded, int batchSize, int dims) {
        this.reader = reader;
        this.blockNeeded = blockNeeded;
        this.dims = dims;
    }

    /** Fills {@code rows} with the next needed rows; returns how many (0 at the end). */
    int fill(Rows rows) throws IOException {
        if (ended) {
            return 0;
        }
        int limit = rows.capacity();
        if (blockNeeded != null) {
            skipUnneeded();
            if (ended) {
                return 0;
            }
            // stop at the end of this run of needed blocks, so that a batch is always consecutive rows
            long block = position / PassRunner.BLOCK_ROWS;
            long end = (block + 1) * PassRunner.BLOCK_ROWS;
            while (end - position < limit && blockNeeded.test(end / PassRunner.BLOCK_ROWS)) {
                end += PassRunner.BLOCK_ROWS;
            }
            limit = (int) Math.min(limit, end - position);
        }
        int n = reader.read(rows.data, rows.weights, limit);
        rows.firstRow = position;
        rows.count = n;
        position += n;
        ended = n == 0;
        return n;
    }

    private void skipUnneeded() throws IOException {
        while (!ended && position % PassRunner.BLOCK_ROWS == 0 && !blockNeeded.test(position / PassRunner.BLOCK_ROWS)) {
            skip(PassRunner.BLOCK_ROWS);
        }
    }

    /** Moves past {@code rows} rows (fewer at the end of the data). */
    private void skip(long rows) throws IOException {
        long skipped = reader.skip(rows);
        position += skipped;
        long left = rows - skipped;
        while (left > 0) {
            if (discard == null) {
                discard = new double[PassRunner.BLOCK_ROWS * dims];
                discardWeights = new double[PassRunner.BLOCK_ROWS];
            }
            int n = reader.read(discard, discardWeights, (int) Math.min(left, PassRunner.BLOCK_ROWS));
            if (n == 0) {
                ended = true;
                return;
            }
            position += n;
            left -= n;
        }
    }

    /** Rows delivered or skipped so far. */
    long position() {
        return position;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
