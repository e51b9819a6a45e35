package io.github.minibatchkmeans.core.internal.source;

import io.github.minibatchkmeans.core.spi.InvalidInputException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * CRC32C checksums of a binary file's rows in fixed chunks, kept from the first pass that reads a
 * chunk whole and compared on every later pass that does: a file rewritten under a running fit —
 * even at the same size and time stamp — is an error naming the rows and the pass. Chunks are
 * fixed by row index, so reads of any size and skipped blocks leave the comparison intact.
 */
public final class Checksums {
    /** Rows per checksum: a few per pruning block, so block skipping leaves most read chunks whole. */
    static final int CHUNK_ROWS = 512;

    private final String name;
    private final long rows;
    private final int[] sums;
    private final boolean[] known;

    public Checksums(String name, long rows) {
        this.name = name;
        this.rows = rows;
        int chunks = (int) Math.min(Integer.MAX_VALUE - 8, (rows + CHUNK_ROWS - 1) / CHUNK_ROWS);
        this.sums = new int[chunks];
        this.known = new boolean[chunks];
    }

    /** One pass's checksumming: the chunk being read, if read whole from its first row. */
    public final class Pass {
        private final int number;
        private final CRC32C crc = new CRC32C();
        private long next = -1;

        Pass(int number) {
            this.number = number;
        }

        /** The raw bytes of {@code count} rows from {@code firstRow}, {@code rowBytes} each, between position and limit. */
        public void rows(ByteBuffer bytes, long firstRow, int count, int rowBytes) {
            int start = bytes.position();
            long row = firstRow;
            while (row < firstRow + count) {
                long chunk = row / CHUNK_ROWS;
                long end = Math.min(Math.min((chunk + 1) * CHUNK_ROWS, rows), firstRow + count);
                if (row == chunk * CHUNK_ROWS) {
                    crc.reset();
                    next = row;
                }
                if (next == row && chunk < sums.length) {
                    int from = start + (int) (row - firstRow) * rowBytes;
                    crc.update(bytes.duplicate().limit(from + (int) (end - row) * rowBytes).position(from));
                    next = end;
                    if (end == Math.min((chunk + 1) * CHUNK_ROWS, rows)) {
                        settle((int) chunk, (int) crc.getValue());
                    }
                }
                row = end;
            }
        }

        private void settle(int chunk, int sum) {
            synchronized (Checksums.this) { // fits sharing one source: no chunk seen known before its sum
                check(chunk, sum);
            }
        }

        private void check(int chunk, int sum) {
            if (!known[chunk]) {
                known[chunk] = true;
                sums[chunk] = sum;
            } else if (sums[chunk] != sum) {
                long first = (long) chunk * CHUNK_ROWS;
                throw new InvalidInputException(name + ": the file changed during the fit: rows " + first + "–"
                        + (Math.min(first + CHUNK_ROWS, rows) - 1) + " differ from an earlier pass's (checksum), found in pass " + number);
            }
        }
    }

    /** Starts pass {@code number}. */
    public Pass pass(int number) {
        return new Pass(number);
    }
}
