package io.github.minibatchkmeans.core.internal.pass;

import io.github.minibatchkmeans.core.internal.metric.Geometry;
import io.github.minibatchkmeans.core.internal.rows.RowFormat;
import io.github.minibatchkmeans.core.internal.rows.Rows;

import io.github.minibatchkmeans.core.spi.BatchReader;
import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.io.IOException;
import java.util.function.LongPredicate;

/**
 * A source's reader that delivers only the blocks a pass needs, each batch a run of consecutive
 * rows stamped with the index of its first row. Unneeded blocks, and blocks a {@link BlockSupply}
 * fills from memory, are skipped with {@link BatchReader#skip} where the source can seek, and read
 * and dropped where it cannot.
 */
final class PlannedReader implements AutoCloseable {
    /** The source's name, for messages. */
    private final String name;
    private final BatchReader reader;
    private final Geometry geometry;
    private final LongPredicate blockNeeded;
    private final BlockSupply supply;
    private final int dims;
    private final RowFormat format;
    /** Rows read and dropped where the source cannot skip: one row at first, a block once it proves unable to. */
    private Rows discard;
    private long position;
    private boolean ended;

    /** {@code geometry}: the metric to prepare the rows read for; null when the source delivers them prepared. */
    PlannedReader(String name, BatchReader reader, Geometry geometry, LongPredicate blockNeeded, BlockSupply supply, int dims,
                  RowFormat format) {
        this.name = name;
        this.reader = reader;
        this.geometry = geometry;
        this.blockNeeded = blockNeeded;
        this.supply = supply;
        this.dims = dims;
        this.format = format;
    }

    /** Fills {@code rows} with the next needed rows; returns how many (0 at the end). */
    int fill(Rows rows) throws IOException {
        if (ended) {
            return 0;
        }
        int limit = rows.capacity();
        boolean supplied = false;
        if (blockNeeded != null) {
            skipUnneeded();
            if (ended) {
                return 0;
            }
            // stop at the end of this run of needed blocks, all read or all supplied, so that a batch is always consecutive rows
            long block = position / PassRunner.BLOCK_ROWS;
            supplied = supplied(block);
            long end = (block + 1) * PassRunner.BLOCK_ROWS;
            while (end - position < limit && blockNeeded.test(end / PassRunner.BLOCK_ROWS)
                    && supplied(end / PassRunner.BLOCK_ROWS) == supplied) {
                end += PassRunner.BLOCK_ROWS;
            }
            limit = (int) Math.min(limit, end - position);
        }
        int n = supplied ? supply(rows, limit) : rows.readFrom(reader, limit);
        rows.span(position, n);
        if (!supplied && geometry != null) { // held rows were prepared when first read, as were rows kept prepared
            try {
                geometry.prepare(rows, 0, n); // the one place streamed rows meet the metric
            } catch (InvalidInputException e) {
                throw new InvalidInputException(name + ": " + e.getMessage(), e);
            }
        }
        position += n;
        ended = n == 0;
        return n;
    }

    private boolean supplied(long block) {
        return supply != null && supply.supplies(block);
    }

    /** Moves the reader past {@code count} rows and fills them from the supply instead, block by block. */
    private int supply(Rows rows, int count) throws IOException {
        int n = (int) pass(count);
        for (int at = 0; at < n; ) {
            long row = position + at;
            int run = (int) Math.min(n - at, (row / PassRunner.BLOCK_ROWS + 1) * PassRunner.BLOCK_ROWS - row);
            supply.fill(row, run, rows, at);
            at += run;
        }
        return n;
    }

    private void skipUnneeded() throws IOException {
        while (!ended && position % PassRunner.BLOCK_ROWS == 0 && !blockNeeded.test(position / PassRunner.BLOCK_ROWS)) {
            position += pass(PassRunner.BLOCK_ROWS);
        }
    }

    /** Moves the reader past {@code rows} rows (fewer at the end of the data); returns how many. */
    private long pass(long rows) throws IOException {
        long moved = reader.skip(rows);
        while (moved < rows) {
            if (discard == null) { // one row first: a reader that seeks stops short only at the end of the data
                discard = format.buffer(1, dims);
            } else if (discard.capacity() == 1) { // it reads on: the source cannot seek
                discard = format.buffer(PassRunner.BLOCK_ROWS, dims);
            }
            int n = discard.readFrom(reader, (int) Math.min(rows - moved, discard.capacity()));
            if (n == 0) {
                ended = true;
                break;
            }
            moved += n;
        }
        return moved;
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
